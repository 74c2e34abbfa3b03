"""Demo content for the public site: the text, locally generated media and idempotent builders."""
