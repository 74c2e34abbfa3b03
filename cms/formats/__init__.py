"""The project's own date and time formats (FORMAT_MODULE_PATH): the admin and the site write
dates the same way, "1 December 2026" and "1 December 2026, 16:14"."""
