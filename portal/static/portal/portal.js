/* Portal home: fill each widget card from its fragment URL (so a slow system never blocks the
   page), and let the user rearrange cards by drag and drop or with the buttons on each card
   (keyboard accessible). Every change is saved at once through the layout API (with CSRF). */
(function () {
  "use strict";
  var MAX_WIDTH = 4, MAX_HEIGHT = 3, FETCH_TIMEOUT_MS = 20000;
  var root, grid, live, dragged = null;

  function announce(text) { if (live) { live.textContent = text; } }

  function loadCard(card) {
    var body = card.querySelector(".portal-card-body");
    var controller = window.AbortController ? new AbortController() : null;
    var timer = controller ? setTimeout(function () { controller.abort(); }, FETCH_TIMEOUT_MS) : null;
    fetch(card.dataset.src, { credentials: "same-origin", headers: { Accept: "text/html" }, signal: controller && controller.signal })
      .then(function (response) {
        if (response.status === 403) { return '<p class="portal-notice portal-notice-error">您的角色无权查看该组件。</p>'; }
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.text();
      })
      .catch(function () { return '<p class="portal-notice portal-notice-error">加载失败，请稍后刷新。</p>'; })
      .then(function (html) {
        if (timer) { clearTimeout(timer); }
        body.innerHTML = html;
        body.setAttribute("aria-busy", "false");
      });
  }

  function cards() { return Array.prototype.slice.call(grid.querySelectorAll(".portal-card")); }

  function applySize(card) {
    card.style.gridColumn = "span " + card.dataset.width;
    card.style.gridRow = "span " + card.dataset.height;
  }

  function save(message) {
    var items = cards().map(function (card) {
      return { widget: card.dataset.key, width: parseInt(card.dataset.width, 10), height: parseInt(card.dataset.height, 10) };
    });
    return fetch(root.dataset.layoutUrl, {
      method: "PUT", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": root.dataset.csrf },
      body: JSON.stringify({ items: items })
    }).then(function (response) {
      announce(response.ok ? (message || "布局已保存") : "布局保存失败，请稍后再试");
    }, function () { announce("布局保存失败，请检查网络"); });
  }

  function titleOf(card) { var h = card.querySelector("h2"); return h ? h.textContent : card.dataset.key; }

  function act(card, action) {
    var title = titleOf(card);
    if (action === "up" && card.previousElementSibling) {
      grid.insertBefore(card, card.previousElementSibling);
    } else if (action === "down" && card.nextElementSibling) {
      grid.insertBefore(card.nextElementSibling, card);
    } else if (action === "wider" || action === "narrower") {
      var width = parseInt(card.dataset.width, 10) + (action === "wider" ? 1 : -1);
      card.dataset.width = String(Math.min(Math.max(width, 1), MAX_WIDTH));
    } else if (action === "taller") {
      card.dataset.height = String(parseInt(card.dataset.height, 10) % MAX_HEIGHT + 1);
    } else if (action === "remove") {
      var next = card.nextElementSibling || card.previousElementSibling;
      card.remove();
      if (next) { next.querySelector("button").focus(); }
      return save("已移除 " + title);
    } else {
      return;
    }
    applySize(card);
    var button = card.querySelector('[data-action="' + action + '"]');
    if (button) { button.focus(); }
    save(title + "：已调整，第 " + (cards().indexOf(card) + 1) + " 位，宽 " + card.dataset.width);
  }

  function addWidget() {
    var select = document.getElementById("portal-add");
    var option = select.options[select.selectedIndex];
    if (!option) { return; }
    var existing = grid.querySelector('[data-key="' + option.value + '"]');
    if (existing) { existing.querySelector("button").focus(); announce(option.dataset.title + " 已在首页"); return; }
    var html = document.getElementById("portal-card-template").innerHTML
      .split("__key__").join(encodeURIComponent(option.value))
      .split("__title__").join(option.dataset.title.replace(/[&<>"]/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; }));
    var holder = document.createElement("ol");
    holder.innerHTML = html.trim();
    var card = holder.firstElementChild;
    grid.appendChild(card);
    applySize(card);
    loadCard(card);
    save("已添加 " + option.dataset.title);
  }

  function setUpDrag() {
    grid.addEventListener("dragstart", function (event) {
      dragged = event.target.closest(".portal-card");
      if (dragged) { dragged.classList.add("portal-dragging"); event.dataTransfer.effectAllowed = "move"; event.dataTransfer.setData("text/plain", dragged.dataset.key); }
    });
    grid.addEventListener("dragover", function (event) {
      var over = event.target.closest(".portal-card");
      if (!dragged || !over || over === dragged) { return; }
      event.preventDefault();
      var box = over.getBoundingClientRect();
      var after = (event.clientY - box.top) > box.height / 2 || (event.clientX - box.left) > box.width / 2;
      grid.insertBefore(dragged, after ? over.nextElementSibling : over);
    });
    grid.addEventListener("dragend", function () {
      if (!dragged) { return; }
      dragged.classList.remove("portal-dragging");
      var title = titleOf(dragged);
      dragged = null;
      save("已移动 " + title);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    root = document.querySelector(".portal[data-layout-url]");
    if (!root) { return; }
    grid = root.querySelector(".portal-grid");
    live = root.querySelector(".portal-live");
    cards().forEach(function (card) { applySize(card); loadCard(card); });
    grid.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-action]");
      if (button) { act(button.closest(".portal-card"), button.dataset.action); }
    });
    root.querySelector('[data-action="add"]').addEventListener("click", addWidget);
    root.querySelector('[data-action="reset"]').addEventListener("click", function () {
      fetch(root.dataset.layoutUrl, { method: "DELETE", credentials: "same-origin", headers: { "X-CSRFToken": root.dataset.csrf } })
        .then(function () { window.location.reload(); });
    });
    setUpDrag();
  });
})();
