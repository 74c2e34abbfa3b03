"""Routes for facilitators and editors, and the public certificate check."""

urlpatterns: list = []
