"""Template tags for other apps' templates: the 好差评 form on a service guide."""
from django import template

register = template.Library()


@register.simple_tag
def service_rating_form(page):
    """The rating form and the guide's score, or ``None`` for pages that are not service guides."""
    from interaction.forms import ServiceRatingForm
    from interaction.ratings import guide_score, is_service_guide

    if page is None or not is_service_guide(page):
        return None
    return {"form": ServiceRatingForm(auto_id="rating_%s"), "score": guide_score(page.pk)}
