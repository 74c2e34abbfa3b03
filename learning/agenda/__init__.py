"""The residential agenda, gathered in one place: its reads (``selectors``), the agenda page's state
(``page_state``), its writes (``services``), the residential phase measured from attendance
(``phase``), changes to a published schedule and their e-mail (``changes``), the calendar files
(``calendar``) and its forms (``forms``). Its tables are in ``learning.models.agenda`` and its
routes in ``learning.views.agenda``, beside the app's other models and views."""
