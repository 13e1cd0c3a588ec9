"""The DOCX adapter: weekly calendars in and out, reports out, dossier documents inspected."""
