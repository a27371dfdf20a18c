-- Organisers publish the report: from then on anyone may download it (PDF, ODT, Markdown)
-- from /report. NULL: not published.
ALTER TABLE report_settings ADD COLUMN published_at BIGINT;
