-- Who someone is, as well as WeChat lets us know: within one login the contact id is certain
-- (stored as a "sig", `<login epoch>:<contact id>`); across logins only names remain.
-- A private message may carry the recipient's sig, so it reaches that very contact while the
-- login lasts, even when another contact has taken the same name.
ALTER TABLE outbox ADD COLUMN person TEXT;

-- A chain's owner: display name (as before), WeChat name and sig, so that a neighbour who renames
-- themselves to the owner's nickname cannot close or edit the chain, nor receive its spreadsheet.
ALTER TABLE chains ADD COLUMN owner_wx TEXT;
ALTER TABLE chains ADD COLUMN owner_sig TEXT;
