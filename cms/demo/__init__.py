"""Demo content for the public site: its words in the YAML files of this folder, the loader
that every app's demo uses, locally generated media and idempotent builders."""
