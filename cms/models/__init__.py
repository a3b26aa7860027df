"""Models of `cms`, split by concern. ``CONTENT_TYPES`` maps the exchange format's ``type`` to
the page model: import/export, search and the API look types up here, never in an if-chain."""
from cms.models.base import GovernmentPage, GovernmentPageQuerySet  # noqa: F401
from cms.models.indexes import (  # noqa: F401
    ContentIndexPage,
    DepartmentSectionPage,
    HomePage,
    NoticeIndexPage,
    PolicyIndexPage,
    ServiceGuideIndexPage,
)
from cms.models.notices import NoticePage
from cms.models.policies import PolicyPage
from cms.models.profile import UserProfile  # noqa: F401
from cms.models.services import ServiceGuidePage
from cms.models.taxonomy import Department, Topic  # noqa: F401

CONTENT_TYPES: dict[str, type[GovernmentPage]] = {
    model.record_type: model for model in (ServiceGuidePage, NoticePage, PolicyPage)
}
