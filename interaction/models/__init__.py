"""Models of the interaction app: items with their attachments and time limits; service ratings."""
from interaction.models.items import Attachment, Interaction, InteractionQuerySet, TimeLimit
from interaction.models.ratings import RATING_REASONS, ServiceRating

__all__ = ["Attachment", "Interaction", "InteractionQuerySet", "RATING_REASONS", "ServiceRating", "TimeLimit"]
