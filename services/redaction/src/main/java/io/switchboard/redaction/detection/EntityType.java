package io.switchboard.redaction.detection;

/**
 * The built-in entity types. A partner's custom entities add labels of their own (the domain's {@code CustomEntity});
 * a span's type is therefore a label string, {@link #name()} for the built-in ones.
 * <ul>
 *   <li>{@code NAME}: a person's name; {@code GPE}: a city, country, state or region; {@code ORG}: a company
 *       or organisation;</li>
 *   <li>{@code EMAIL}; {@code MONEY}: an amount with a currency symbol, code or word;</li>
 *   <li>{@code DATE}: a calendar date, month-and-day, weekday or year; {@code TIME}: a clock time;</li>
 *   <li>{@code NUMERIC}: an identifying number made of digits only (phone, card, SSN, account, zip code, a
 *       house or flat number, an IPv4 address); {@code ID}: an identifier of letters and digits (IBAN,
 *       licence, order or booking reference, alphanumeric postcode, IPv6 address). The form decides: a
 *       value with a letter in it is an ID. Plain quantities ("2 items", "top 20", "turned 58") are not
 *       PII and are left alone.</li>
 * </ul>
 */
public enum EntityType {
    NAME, EMAIL, MONEY, GPE, DATE, TIME, ORG, NUMERIC, ID
}
