"""``/api/search/``, ``/api/search/suggest/`` and ``/api/search/click/`` (shared/contracts §2)."""
from __future__ import annotations

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from django.utils.translation import gettext

from config.hostile_input import ascii_int, parse_json
from search import analytics, service
from search.params import ParameterError, parse_search_params


def bad_request(errors: dict[str, str]) -> JsonResponse:
    return JsonResponse({"error": "invalid_parameters", "detail": errors}, status=400,
                        json_dumps_params={"ensure_ascii": False})


@never_cache
@require_GET
def search_view(request):
    try:
        params = parse_search_params(request.GET)
    except ParameterError as exc:
        return bad_request(exc.errors)
    return JsonResponse(service.search(params, request.user, request=request), json_dumps_params={"ensure_ascii": False})


@never_cache
@require_GET
def suggest_view(request):
    prefix = request.GET.get("q", "")
    if len(prefix) > 100:
        return bad_request({"q": gettext("最多 100 个字符 / at most 100 characters")})
    suggestions, backend = service.suggest(prefix, request.user)
    return JsonResponse({"suggestions": suggestions, "backend": backend}, json_dumps_params={"ensure_ascii": False})


@csrf_exempt  # a beacon from the result page; it writes only an analytics row
@require_POST
def click_view(request):
    """Body (JSON or form): ``q``, ``url``, optional ``key`` and ``position`` (1-based)."""
    if request.content_type == "application/json":
        try:
            data = parse_json(request.body, default={})
        except ValueError as error:
            return bad_request({"body": str(error)})
        if not isinstance(data, dict):
            return bad_request({"body": gettext("需要 JSON 对象 / a JSON object is expected")})
    else:
        data = request.POST
    errors = {}
    q, url = str(data.get("q") or "").strip(), str(data.get("url") or "").strip()
    if not q:
        errors["q"] = gettext("必填 / required")
    if not url or len(url) > 1000:
        errors["url"] = gettext("必填，最多 1000 个字符 / required, at most 1000 characters")
    position = data.get("position")
    if position not in (None, ""):
        position = ascii_int(position, minimum=1, maximum=10_000)  # 1e309, 2**31, "²": refused
        if position is None:
            errors["position"] = gettext("必须是 1 到 10000 之间的整数 / must be a whole number from 1 to 10000")
    else:
        position = None
    if errors:
        return bad_request(errors)
    # counted at most once per client, query and result, within the client's rate (search.analytics)
    analytics.record_click(request, query=q, url=url, key=str(data.get("key") or ""), position=position)
    return JsonResponse({"ok": True}, status=201)
