-- The SMS wording of the demo offers wrote amounts as "30 EUR" while every other channel writes "30 €". The euro
-- sign is in the GSM 03.38 extension table, so it costs two of the 160 characters of an SMS and keeps the text in
-- the 7-bit alphabet. Only rows still holding the original wording change, so that a brand's own text is kept.
update offer_treatment set body = 'Ce week-end chez {store} : bouquet offert dès 30 €, code'
where offer_id = 'WEEKEND-FLOWERS' and channel = 'SMS' and language = 'fr'
  and body = 'Ce week-end chez {store} : bouquet offert dès 30 EUR, code';
update offer_treatment set body = 'This weekend at {store}: free bouquet from €30, code'
where offer_id = 'WEEKEND-FLOWERS' and channel = 'SMS' and language = 'en'
  and body = 'This weekend at {store}: free bouquet from 30 EUR, code';
update offer_treatment set body = '5 € offerts sur votre prochaine commande, code'
where offer_id = 'APP-LOYALTY-5EUR' and channel = 'SMS' and language = 'fr'
  and body = '5 EUR offerts sur votre prochaine commande, code';
update offer_treatment set body = '€5 off your next order, code'
where offer_id = 'APP-LOYALTY-5EUR' and channel = 'SMS' and language = 'en'
  and body = '5 EUR off your next order, code';
