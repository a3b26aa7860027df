// Keeps the unread badge current without a reload: asks /portal/messages/api/unread/ every
// data-poll seconds (default 30) and whenever the tab becomes visible again.
(function () {
  var link = document.querySelector("[data-unread-url]");
  if (!link || !window.fetch) return;
  var badge = link.querySelector("[data-unread-count]");
  var every = parseInt(link.getAttribute("data-poll") || "30", 10) * 1000;
  function refresh() {
    fetch(link.getAttribute("data-unread-url"), {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data && typeof data.unread === "number") badge.textContent = String(data.unread); })
      .catch(function () {});
  }
  setInterval(refresh, every);
  document.addEventListener("visibilitychange", function () { if (!document.hidden) refresh(); });
})();
