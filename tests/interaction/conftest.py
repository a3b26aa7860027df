"""Fixtures of the interaction tests: departments with their groups, personas (officials of two
departments, a 签发 signer, an outsider), a service guide, and a helper that submits an item."""
from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model



@pytest.fixture(autouse=True)
def interaction_settings(settings, tmp_path):
    settings.INTERACTION_PRIVATE_ROOT = tmp_path / "private"
    settings.DELIVERY_RATE_LIMIT = 0
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from django.core.cache import cache

    cache.clear()
    return settings


@pytest.fixture
def office(db):
    from cms.models import Department

    return Department.objects.create(name="明川市人民政府办公室", slug="zfb")


def _official(username, department, role=None, **extra):
    from cms.models import UserProfile
    from cms.permissions import ensure_department_groups

    user = get_user_model().objects.create_user(username, f"{username}@example.gov.cn", "pw-" + username, **extra)
    if department is not None:
        profile = UserProfile.for_user(user)
        profile.department = department
        profile.save()
        if role:
            user.groups.add(ensure_department_groups(department)[role])
    return user


@pytest.fixture
def market_handler(market):
    return _official("scj_handler", market, "editor")


@pytest.fixture
def market_signer(market):
    return _official("scj_signer", market, "publisher")


@pytest.fixture
def labour_handler(labour):
    return _official("rsj_handler", labour, "editor")


@pytest.fixture
def outsider(db):
    return _official("outsider", None)


@pytest.fixture
def admin_user(db):
    return get_user_model().objects.create_superuser("boss", "boss@example.gov.cn", "pw-boss")


VALID = {"kind": "consultation", "subject": "个体工商户注册需要什么材料", "content": "请问在明川市注册个体工商户需要准备哪些材料？可以网上办理吗？",
         "name": "张三", "phone": "13812345678", "email": "zhangsan@example.com", "publish_consent": True,
         "privacy_consent": True}


@pytest.fixture
def valid_data():
    return dict(VALID)


@pytest.fixture
def make_item(market):
    """``make_item(department=market, **fields)`` → (item, query code), through the real service."""
    from interaction.submission import submit

    def make(department=None, **fields):
        data = {**VALID, "department": department if department is not None else market, **fields}
        receipt = submit(data)
        return receipt.item, receipt.query_code

    return make
