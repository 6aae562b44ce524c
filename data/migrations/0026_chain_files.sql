-- 接龙 photos and files: an image or file the chain's owner sends right after starting it is kept
-- with the chain (bytes on disk under LINLI_ATTACHMENT_DIR/chain-<chain>/<id>; this row says what
-- it is). Rows go with their chain (撤销), and so do the files (commands/chain/photos.ts).
CREATE TABLE chain_files (
  id INTEGER PRIMARY KEY,
  chain_id INTEGER NOT NULL REFERENCES chains(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('image', 'file')),
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  size INTEGER NOT NULL,
  person INTEGER,
  created_at INTEGER NOT NULL
);
CREATE INDEX chain_files_chain ON chain_files (chain_id, id);
