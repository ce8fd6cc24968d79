-- Photo bytes move to the S3-compatible store (libs/objectstore): a row keeps what the API needs to find and
-- serve the photo (partner, account, interaction, content type) and the object's key. Rows written before
-- still hold their bytes until LegacyPhotoMover has put them into the store and cleared them (at start-up,
-- in batches); a row has its bytes or its key, and once moved only its key.
ALTER TABLE interaction_photos ADD COLUMN object_key text;
ALTER TABLE interaction_photos ALTER COLUMN bytes DROP NOT NULL;
ALTER TABLE interaction_photos ADD CONSTRAINT interaction_photos_bytes_or_key
    CHECK (bytes IS NOT NULL OR object_key IS NOT NULL);
CREATE INDEX interaction_photos_unmoved ON interaction_photos (photo_id) WHERE bytes IS NOT NULL;
