"""The learning app's routes: what trainees do, and what facilitators and editors do."""

from .staff_urls import urlpatterns as staff_urlpatterns
from .trainee_urls import urlpatterns as trainee_urlpatterns

app_name = "learning"
urlpatterns = [*trainee_urlpatterns, *staff_urlpatterns]
