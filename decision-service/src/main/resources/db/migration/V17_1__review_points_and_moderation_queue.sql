-- The points each review's approval credited, so that a review read back shows them, and an index for the
-- moderation queue, which lists the reviews of one status oldest first. SQL that H2 2.x and PostgreSQL 14+ accept.
alter table review add column points_credited integer default 0 not null;

-- Reviews approved before this version get the points of their purchase's REVIEW_APPROVED ledger line. Only the
-- first approved review of a purchase earned them, because the ledger credits a purchase's review once.
update review set points_credited = coalesce((
        select entry.points from loyalty_entry entry
        where entry.customer_id = review.customer_id and entry.kind = 'EARNED'
          and entry.action = 'REVIEW_APPROVED' and entry.reference = review.purchase_reference), 0)
where status = 'APPROVED'
  and not exists (
        select 1 from review earlier
        where earlier.customer_id = review.customer_id and earlier.purchase_reference = review.purchase_reference
          and earlier.status = 'APPROVED'
          and (earlier.moderated_at < review.moderated_at
               or (earlier.moderated_at = review.moderated_at and earlier.review_id < review.review_id)));

create index ix_review_status_submitted on review (status, submitted_at, review_id);
