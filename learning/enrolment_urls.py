"""Routes for applying to an edition, withdrawing, and the learning dashboard."""

urlpatterns: list = []
