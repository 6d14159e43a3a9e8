-- The hiring loop: saved postings, applications, invitations, notifications and the email outbox.
-- Nested values (snapshots, timelines, notes, headers) are JSON text, read whole like listing data.
-- Notification kinds carry no CHECK: the list grows, and SQLite cannot alter a CHECK in place.
CREATE TABLE saved_listings (
  user_id TEXT NOT NULL,
  listing_id TEXT NOT NULL,
  saved_at TEXT NOT NULL,
  PRIMARY KEY (user_id, listing_id)
);
CREATE INDEX saved_listings_newest ON saved_listings (user_id, saved_at DESC, listing_id DESC);
CREATE TABLE applications (
  id TEXT PRIMARY KEY,
  listing_id TEXT NOT NULL,
  company_id TEXT NOT NULL,
  candidate_id TEXT NOT NULL,
  profile_id TEXT NOT NULL,
  stage TEXT NOT NULL CHECK (stage IN ('applied', 'in-review', 'interviewing', 'offer', 'hired', 'rejected', 'withdrawn')),
  note TEXT NOT NULL,
  snapshot TEXT NOT NULL,
  -- The snapshot's score, as a column so the ranking reads an index; NULL (unscored) sorts last.
  score REAL,
  contact_name TEXT NOT NULL,
  contact_email TEXT NOT NULL,
  timeline TEXT NOT NULL,
  company_notes TEXT NOT NULL,
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX applications_once ON applications (listing_id, candidate_id);
CREATE INDEX applications_by_candidate ON applications (candidate_id, created_at DESC, id DESC);
CREATE INDEX applications_ranked ON applications (listing_id, score DESC, created_at, id);
CREATE INDEX applications_ranked_by_stage ON applications (listing_id, stage, score DESC, created_at, id);
CREATE TABLE invitations (
  id TEXT PRIMARY KEY,
  listing_id TEXT NOT NULL,
  company_id TEXT NOT NULL,
  profile_id TEXT NOT NULL,
  candidate_id TEXT NOT NULL,
  invited_by TEXT NOT NULL,
  message TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX invitations_once ON invitations (listing_id, profile_id);
CREATE TABLE notifications (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  link TEXT NOT NULL,
  dedupe_key TEXT NOT NULL UNIQUE,
  read_at TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX notifications_newest ON notifications (user_id, created_at DESC, id DESC);
CREATE INDEX notifications_unread ON notifications (user_id, id) WHERE read_at IS NULL;
CREATE TABLE outbox_emails (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  text_body TEXT NOT NULL,
  html_body TEXT NOT NULL,
  headers TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'kept')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  message_id TEXT NOT NULL,
  dedupe_key TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  -- When the status last changed: for a `sending` email, when its attempt began.
  updated_at TEXT NOT NULL,
  sent_at TEXT
);
CREATE INDEX outbox_emails_newest ON outbox_emails (created_at DESC, id DESC);
CREATE INDEX outbox_emails_by_status ON outbox_emails (status, created_at, id);
