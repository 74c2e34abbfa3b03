"""What each course page shows, shaped for its template: the edition page (``edition``), a module
(``module``) and a lesson (``lesson``), with who the person is to the course (``access``). Each
page model's ``get_context`` asks its module here and puts the result in the template's context
as ``page_state``. The agenda page's state is in ``learning.agenda.page_state``."""
