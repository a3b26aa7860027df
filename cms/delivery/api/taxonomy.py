"""``/api/v1/departments/`` and ``/api/v1/topics/``: the taxonomies content is filtered by
(their ``slug`` is the value of the ``department`` and ``topic`` filters)."""
from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from cms.delivery.api.errors import ERRORS

router = Router(tags=["taxonomy"])


class Department(Schema):
    id: int
    slug: str
    name: str
    code: str = ""
    phone: str = ""
    address: str = ""
    description: str = ""


class Topic(Schema):
    id: int
    slug: str
    name: str
    description: str = ""


class DepartmentList(Schema):
    count: int
    items: list[Department]


class TopicList(Schema):
    count: int
    items: list[Topic]


def _models():
    from cms.models import Department as DepartmentModel, Topic as TopicModel

    return DepartmentModel, TopicModel


@router.get("/departments/", response={200: DepartmentList, **ERRORS}, url_name="department_list", summary="列出部门")
def list_departments(request: HttpRequest):
    items = list(_models()[0].objects.order_by("name", "id"))
    return {"count": len(items), "items": items}


@router.get("/departments/{slug}/", response={200: Department, **ERRORS}, url_name="department_detail",
            summary="读取一个部门")
def get_department(request: HttpRequest, slug: str):
    return get_object_or_404(_models()[0], slug=slug)


@router.get("/topics/", response={200: TopicList, **ERRORS}, url_name="topic_list", summary="列出主题")
def list_topics(request: HttpRequest):
    items = list(_models()[1].objects.order_by("name", "id"))
    return {"count": len(items), "items": items}


@router.get("/topics/{slug}/", response={200: Topic, **ERRORS}, url_name="topic_detail", summary="读取一个主题")
def get_topic(request: HttpRequest, slug: str):
    return get_object_or_404(_models()[1], slug=slug)
