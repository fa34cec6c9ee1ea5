-- A merge now moves the rows other features keep by customer id to the surviving profile, in the merge's
-- transaction. These indexes let each of those updates find the absorbed profile's rows without a full scan.
-- SQL that H2 2.x and PostgreSQL 14+ both accept.
create index ix_coupon_customer on coupon (customer_id);
create index ix_location_event_customer on location_event (customer_id);
create index ix_purchase_customer on purchase (customer_id);
create index ix_purchase_follow_up_customer on purchase_follow_up (customer_id);
create index ix_store_visit_customer on store_visit (customer_id);
create index ix_share_claim_friend on share_claim (friend_id);

-- Rows written under profiles absorbed before this version move to their survivors too. customer_merge points
-- every absorbed id at its final survivor, so one step is enough. Loyalty accounts, the points ledger and share
-- claims of earlier merges stay where they are, because their keys include the customer.
update coupon set customer_id = (select survivor_id from customer_merge where absorbed_id = coupon.customer_id)
where customer_id in (select absorbed_id from customer_merge);
update decision_record set customer_id = (select survivor_id from customer_merge
                                          where absorbed_id = decision_record.customer_id)
where customer_id in (select absorbed_id from customer_merge);
update delivery set customer_id = (select survivor_id from customer_merge where absorbed_id = delivery.customer_id)
where customer_id in (select absorbed_id from customer_merge);
update contact set customer_id = (select survivor_id from customer_merge where absorbed_id = contact.customer_id)
where customer_id in (select absorbed_id from customer_merge);
update location_event set customer_id = (select survivor_id from customer_merge
                                         where absorbed_id = location_event.customer_id)
where customer_id in (select absorbed_id from customer_merge);
update geofence_transition set customer_id = (select survivor_id from customer_merge
                                              where absorbed_id = geofence_transition.customer_id)
where customer_id in (select absorbed_id from customer_merge);
update review set customer_id = (select survivor_id from customer_merge where absorbed_id = review.customer_id)
where customer_id in (select absorbed_id from customer_merge);
update store_visit set customer_id = (select survivor_id from customer_merge
                                      where absorbed_id = store_visit.customer_id)
where customer_id in (select absorbed_id from customer_merge);
update store_regular set customer_id = (select survivor_id from customer_merge
                                        where absorbed_id = store_regular.customer_id)
where customer_id in (select absorbed_id from customer_merge);
update purchase set customer_id = (select survivor_id from customer_merge where absorbed_id = purchase.customer_id)
where customer_id in (select absorbed_id from customer_merge);
update purchase_follow_up set customer_id = (select survivor_id from customer_merge
                                             where absorbed_id = purchase_follow_up.customer_id)
where customer_id in (select absorbed_id from customer_merge);
update share_link set sharer_id = (select survivor_id from customer_merge where absorbed_id = share_link.sharer_id)
where sharer_id in (select absorbed_id from customer_merge);
