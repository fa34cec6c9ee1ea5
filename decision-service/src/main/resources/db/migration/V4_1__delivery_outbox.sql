-- Delivery outbox, channels, dead letters and coupon redemption. SQL that H2 2.x and PostgreSQL 14+ both accept.

-- The delivery table becomes the transactional outbox: a decision writes its deliveries as QUEUED in its own
-- transaction, and the dispatcher claims due rows with a lease so that two nodes do not claim one row at once.
alter table delivery add column title varchar(300);
alter table delivery add column language varchar(2);
alter table delivery add column qr_code_url varchar(500);
alter table delivery add column geo_uri varchar(500);
alter table delivery add column attempts integer default 0 not null;
alter table delivery add column next_attempt_at timestamp with time zone;
alter table delivery add column claimed_by varchar(100);
alter table delivery add column claimed_until timestamp with time zone;
alter table delivery add column last_error varchar(1000);
alter table delivery add column provider_message_id varchar(300);
alter table delivery add column updated_at timestamp with time zone;
create index ix_delivery_due on delivery (status, next_attempt_at);

-- Wording of an offer per channel and language: a push title and body, a short SMS text, an email subject and
-- body. {store} is replaced by the store name. The offer id, coupon and promise stay those of the offer.
create table offer_treatment (
    offer_id  varchar(100) not null,
    channel   varchar(20)  not null,
    language  varchar(2)   not null,
    title     varchar(300),
    body      varchar(2000) not null,
    primary key (offer_id, channel, language)
);

-- Treatments of the demo offers (the demo profile loads the offers themselves at start-up, so there is no
-- foreign key: a treatment of an offer that does not exist is never read).
insert into offer_treatment (offer_id, channel, language, title, body) values
('STORE-WELCOME-10', 'PUSH', 'fr', '-10 % aujourd''hui', '{store} : -10 % sur vos achats aujourd''hui. Montrez le coupon en caisse.'),
('STORE-WELCOME-10', 'PUSH', 'en', '10% off today', '{store}: 10% off your shopping today. Show the coupon at the till.'),
('STORE-WELCOME-10', 'SMS', 'fr', null, '{store} : -10 % aujourd''hui avec le code'),
('STORE-WELCOME-10', 'SMS', 'en', null, '{store}: 10% off today with code'),
('STORE-WELCOME-10', 'EMAIL', 'fr', 'Bienvenue chez {store} : -10 % aujourd''hui', 'Vous êtes tout près de {store}. Profitez de 10 % de remise sur vos achats aujourd''hui en présentant ce coupon en caisse.'),
('STORE-WELCOME-10', 'EMAIL', 'en', 'Welcome to {store}: 10% off today', 'You are close to {store}. Enjoy 10% off your shopping today: show this coupon at the till.'),
('STORE-WELCOME-10', 'WEBHOOK', 'fr', '-10 % aujourd''hui', '-10 % sur les achats du jour chez {store}.'),
('STORE-WELCOME-10', 'WEBHOOK', 'en', '10% off today', '10% off today''s shopping at {store}.'),
('STORE-WELCOME-10', 'IN_APP', 'fr', '-10 % aujourd''hui', '{store} : -10 % sur vos achats aujourd''hui avec ce coupon.'),
('STORE-WELCOME-10', 'IN_APP', 'en', '10% off today', '{store}: 10% off your shopping today with this coupon.'),
('GOLD-MORNING-COFFEE', 'PUSH', 'fr', 'Café offert', 'Café offert ce matin chez {store}, merci de votre fidélité !'),
('GOLD-MORNING-COFFEE', 'PUSH', 'en', 'Free coffee', 'A free coffee this morning at {store}, thank you for your loyalty!'),
('GOLD-MORNING-COFFEE', 'SMS', 'fr', null, 'Café offert ce matin chez {store} avec le code'),
('GOLD-MORNING-COFFEE', 'SMS', 'en', null, 'Free coffee this morning at {store} with code'),
('GOLD-MORNING-COFFEE', 'EMAIL', 'fr', 'Votre café offert chez {store}', 'Merci de votre fidélité : ce matin, votre café est offert chez {store}. Présentez ce coupon au comptoir.'),
('GOLD-MORNING-COFFEE', 'EMAIL', 'en', 'Your free coffee at {store}', 'Thank you for your loyalty: this morning your coffee is on us at {store}. Show this coupon at the counter.'),
('GOLD-MORNING-COFFEE', 'WEBHOOK', 'fr', 'Café offert', 'Café offert ce matin chez {store}.'),
('GOLD-MORNING-COFFEE', 'WEBHOOK', 'en', 'Free coffee', 'Free coffee this morning at {store}.'),
('GOLD-MORNING-COFFEE', 'IN_APP', 'fr', 'Café offert', 'Café offert ce matin chez {store}, merci de votre fidélité !'),
('GOLD-MORNING-COFFEE', 'IN_APP', 'en', 'Free coffee', 'A free coffee this morning at {store}, thank you for your loyalty!'),
('WEEKEND-FLOWERS', 'PUSH', 'fr', 'Un bouquet offert', 'Ce week-end chez {store} : un bouquet offert dès 30 € d''achat.'),
('WEEKEND-FLOWERS', 'PUSH', 'en', 'A free bouquet', 'This weekend at {store}: a free bouquet when you spend €30.'),
('WEEKEND-FLOWERS', 'SMS', 'fr', null, 'Ce week-end chez {store} : bouquet offert dès 30 EUR, code'),
('WEEKEND-FLOWERS', 'SMS', 'en', null, 'This weekend at {store}: free bouquet from 30 EUR, code'),
('WEEKEND-FLOWERS', 'EMAIL', 'fr', 'Un bouquet offert ce week-end chez {store}', 'Ce week-end, {store} vous offre un bouquet dès 30 € d''achat. Présentez ce coupon en caisse.'),
('WEEKEND-FLOWERS', 'EMAIL', 'en', 'A free bouquet this weekend at {store}', 'This weekend {store} gives you a bouquet when you spend €30. Show this coupon at the till.'),
('WEEKEND-FLOWERS', 'WEBHOOK', 'fr', 'Un bouquet offert', 'Bouquet offert dès 30 € d''achat ce week-end chez {store}.'),
('WEEKEND-FLOWERS', 'WEBHOOK', 'en', 'A free bouquet', 'A free bouquet from €30 this weekend at {store}.'),
('WEEKEND-FLOWERS', 'IN_APP', 'fr', 'Un bouquet offert', 'Ce week-end chez {store} : un bouquet offert dès 30 € d''achat.'),
('WEEKEND-FLOWERS', 'IN_APP', 'en', 'A free bouquet', 'This weekend at {store}: a free bouquet when you spend €30.'),
('APP-LOYALTY-5EUR', 'PUSH', 'fr', '5 € offerts', '5 € offerts sur votre prochaine commande dans l''application.'),
('APP-LOYALTY-5EUR', 'PUSH', 'en', '€5 off', '€5 off your next order in the app.'),
('APP-LOYALTY-5EUR', 'SMS', 'fr', null, '5 EUR offerts sur votre prochaine commande, code'),
('APP-LOYALTY-5EUR', 'SMS', 'en', null, '5 EUR off your next order, code'),
('APP-LOYALTY-5EUR', 'EMAIL', 'fr', '5 € offerts sur votre prochaine commande', 'Merci de votre fidélité : 5 € sont offerts sur votre prochaine commande dans l''application avec ce coupon.'),
('APP-LOYALTY-5EUR', 'EMAIL', 'en', '€5 off your next order', 'Thank you for your loyalty: €5 off your next order in the app with this coupon.'),
('APP-LOYALTY-5EUR', 'WEBHOOK', 'fr', '5 € offerts', '5 € offerts sur la prochaine commande dans l''application.'),
('APP-LOYALTY-5EUR', 'WEBHOOK', 'en', '€5 off', '€5 off the next order in the app.'),
('APP-LOYALTY-5EUR', 'IN_APP', 'fr', '5 € offerts', '5 € offerts sur votre prochaine commande dans l''application.'),
('APP-LOYALTY-5EUR', 'IN_APP', 'en', '€5 off', '€5 off your next order in the app.');

-- Push device tokens, one per app installation.
create table device_token (
    installation_id varchar(200) primary key,
    customer_id     varchar(100) not null references customer (customer_id),
    platform        varchar(10)  not null,
    token           varchar(500) not null,
    updated_at      timestamp with time zone not null
);
create index ix_device_token_customer on device_token (customer_id);

-- Deliveries that failed for good, with the message as it was to be sent and the reason.
create table dead_letter (
    dead_letter_id varchar(36)  primary key,
    delivery_id    varchar(36)  not null,
    channel        varchar(20)  not null,
    original_message varchar(100000) not null,
    reason         varchar(1000) not null,
    attempts       integer      not null,
    failed_at      timestamp with time zone not null,
    replayed_at    timestamp with time zone
);
create index ix_dead_letter_delivery on dead_letter (delivery_id);

alter table coupon add column redeemed_store_id varchar(200);
