package io.switchboard.redaction.detection;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The entities with a shape: EMAIL, MONEY, DATE, TIME, and NUMERIC or ID identifiers (phone and card
 * numbers, SSNs, IBANs, IP addresses, alphanumeric references and postcodes). Validated where a check
 * exists (Luhn for cards, mod 97 for IBANs, ranges for dates and times), which raises the score.
 * Numbers of one to four digits are not PII on their own ("2 items", "top 20"); they are when a cue word
 * says what they are ("apt 5", "pin 1234", "order 4411") — house numbers inside addresses are the
 * {@link AddressDetector}'s.
 */
final class PatternDetector implements Detector {
    private static final int CI = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    static final Pattern EMAIL = Pattern.compile(
            "(?<![\\w.+-])[\\w.%+-]{1,64}@[\\w-]{1,63}(?:\\.[\\w-]{1,63})*\\.[a-z]{2,24}(?![\\w-])", CI | Pattern.UNICODE_CHARACTER_CLASS);

    private static final String MONTH = "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
            + "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
    private static final String DAY = "(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?";
    private static final String WEEKDAY = "(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?";
    private static final String YEAR = "(?:1[89]\\d\\d|20\\d\\d)";

    private static final Pattern DATE = Pattern.compile(String.join("|",
            // 2024-05-23, 2024/05/23, 2024.05.23
            "(?<![\\d.])" + YEAR + "([-/.])(?:0?[1-9]|1[0-2])\\1(?:0?[1-9]|[12]\\d|3[01])(?![\\d])",
            // 23/05/2024, 5/23/24, 23.05.2024, 23-05-2024
            "(?<![\\d./-])(?:0?[1-9]|[12]\\d|3[01])([-/.])(?:0?[1-9]|[12]\\d|3[01])\\2(?:" + YEAR + "|\\d\\d)(?![\\d/.-]?\\d)",
            // 23 May 2024, 23rd of May, 1st may
            "(?<![\\w])" + DAY + "\\s+(?:of\\s+)?" + MONTH + "\\.?(?:,?\\s+" + YEAR + ")?(?![\\w])",
            // May 23, May 23rd 2024, Sept. 3, 2024
            "(?<![\\w])" + MONTH + "\\.?\\s+" + DAY + "(?:,?\\s+" + YEAR + ")?(?![\\w])",
            // May 2024
            "(?<![\\w])" + MONTH + "\\.?,?\\s+" + YEAR + "(?![\\w])",
            // (next|last|this) Monday, Monday the 3rd, Mon 23/05
            "(?<![\\w])(?:(?:next|last|this|coming|on)\\s+)?" + WEEKDAY + "(?:\\s+(?:the\\s+)?" + DAY + ")?(?![\\w])",
            // 5/23 (month/day or day/month) without a year
            "(?<![\\w./-])(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\\d|3[01])(?![\\w/.-])",
            // the 1990s
            "(?<![\\w])(?:1[89]|20)\\d0'?s(?![\\w])"), CI);
    /** Words that make a {@link #WEEKDAY} abbreviation too risky alone ("sat", "sun", "wed", "mon"). */
    private static final Set<String> WEEKDAY_ABBREVIATIONS = Words.set("mon", "tue", "tues", "wed", "thu", "thur", "thurs",
            "fri", "sat", "sun", "on mon", "on sat", "on sun", "on wed", "on fri", "on tue", "on thu");
    private static final Pattern YEAR_ALONE = Pattern.compile("(?<![\\w$€£.,:/-])" + YEAR + "(?![\\w%:/-]|[.,]\\d)");
    private static final Set<String> YEAR_CUES = Words.set("in", "since", "of", "from", "until", "till", "by", "during",
            "year", "born", "a", "the", "circa", "c.", "before", "after", "early", "late", "mid", "spring", "summer",
            "autumn", "fall", "winter", "when");

    private static final Pattern TIME = Pattern.compile(String.join("|",
            "(?<![\\w:.])(?:[01]?\\d|2[0-3])[:.h][0-5]\\d(?::[0-5]\\d)?(?:\\s?(?:[ap]\\.?m\\.?|hrs|h)(?![\\w]))?(?![\\w:]|\\.\\d)",
            "(?<![\\w:.])(?:1[0-2]|0?[1-9])\\s?(?:[ap]\\.m\\.|[ap]m(?![\\w])|o'?clock(?![\\w]))",
            "(?<![\\w])(?:noon|midday|midnight)(?![\\w])",
            "(?<![\\w])(?:half\\s+past|quarter\\s+(?:past|to))\\s+(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\\d{1,2})(?![\\w])"), CI);

    private static final String AMOUNT = "\\d{1,3}(?:[,.\\u00a0 ]\\d{3})+(?:[.,]\\d{1,2})?|\\d+(?:[.,]\\d{1,2})?";
    private static final String SYMBOL = "[$€£¥₹₩₽]|us\\$|ca?\\$|a\\$|au\\$|nz\\$|r\\$|hk\\$|s\\$";
    private static final String CODE = "usd|eur|gbp|chf|cad|aud|nzd|jpy|cny|inr|sek|nok|dkk|pln|czk|huf|brl|mxn|zar|rub|try|sgd|hkd";
    private static final String CURRENCY_WORD = "dollars?|bucks|euros?|pounds?(?:\\s+sterling)?|quid|cents?|pence|yen|yuan|rupees?"
            + "|francs?|kronor|kroner|krona|krone|kr|z[łl]oty|forints?|reais|real|pesos?|rand|rubles?|roubles?|lira|grand";
    private static final String NUMBER_WORD = "(?:(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
            + "|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|a|and|-)\\s*)+";
    private static final String MAGNITUDE = "(?:\\s?(?:k|m|bn|mn|million|billion|thousand|hundred)(?![\\w]))?";
    private static final Pattern MONEY = Pattern.compile(String.join("|",
            "(?<![\\w$])(?:" + SYMBOL + ")\\s?(?:" + AMOUNT + ")" + MAGNITUDE,
            "(?<![\\w.,])(?:" + AMOUNT + ")" + MAGNITUDE + "\\s?(?:" + SYMBOL + "|(?:" + CODE + "|" + CURRENCY_WORD + ")(?![\\w]))",
            "(?<![\\w])(?:" + CODE + ")\\s?(?:" + AMOUNT + ")" + MAGNITUDE + "(?![\\w])",
            "(?<![\\w])" + NUMBER_WORD + "(?:dollars?|bucks|euros?|pounds|quid|cents|grand)(?![\\w])"), CI);

    private static final Pattern IBAN = Pattern.compile(
            "(?<![\\w])[a-z]{2}\\d{2}(?:\\s?[a-z0-9]{4}){2,7}(?:\\s?[a-z0-9]{1,4})?(?![\\w])", CI);
    private static final Pattern IPV4 = Pattern.compile(
            "(?<![\\w.])(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?![\\w]|\\.\\d)");
    private static final Pattern IPV6 = Pattern.compile(
            "(?<![\\w:])(?:[0-9a-f]{1,4}:){2,7}(?::|[0-9a-f]{1,4})(?::[0-9a-f]{1,4})*(?![\\w:])", CI);
    /** Digit groups with separators: phone, card, SSN, account numbers; an optional extension. */
    private static final Pattern DIGIT_GROUPS = Pattern.compile(
            "(?<![\\w+$€£.,/:-])(?:\\+\\s?\\d{1,3}[\\s.-]?)?(?:\\(\\+?\\d{1,5}\\)[\\s.-]?)?\\d{1,19}(?:(?:[ .-]|\\s?\\(\\d{1,4}\\)\\s?)\\d{1,19}){0,6}"
                    + "(?:\\s?(?:x|ext\\.?|extension)\\s?\\d{1,6})?(?![\\w]|[.,:]\\d|[/-]\\d)", CI);
    /** Identifiers mixing letters and digits: AB12345, X-4411-B, U62928788557186, B0J 2H0, SW1A 1AA. */
    private static final Pattern ALNUM_ID = Pattern.compile(
            "(?<![\\w-])(?=[\\w-]*\\d)(?=[\\w-]*[a-z])[a-z0-9]+(?:[-/_][a-z0-9]+)*(?![\\w-])", CI);
    private static final Pattern POSTCODE = Pattern.compile(String.join("|",
            "(?<![\\w])[a-z]\\d[a-z]\\s?\\d[a-z]\\d(?![\\w])",
            "(?<![\\w])[a-z]{1,2}\\d[a-z\\d]?\\s\\d[a-z]{2}(?![\\w])"), CI);
    private static final Pattern ORDINAL_OR_UNIT = Pattern.compile(
            "\\d+(?:st|nd|rd|th|s|am|pm|h|hrs|min|mins|k|kb|mb|gb|tb|kg|g|mg|km|m|cm|mm|ml|l|lb|lbs|oz|ft|in|mph|kmh|x|d|px|pc|pcs|yo|yrs)",
            CI);
    /** Words after which a short number identifies something (and is redacted). */
    private static final Set<String> NUMBER_CUES = Words.set("apt", "apartment", "suite", "ste", "unit", "flat", "box",
            "pin", "zip", "zipcode", "postcode", "code", "account", "acct", "acc", "order", "ref", "reference",
            "ticket", "case", "booking", "reservation", "confirmation", "invoice", "policy", "member", "customer",
            "room", "ext", "extension", "id", "no", "nr", "number", "house", "building", "cvv", "cvc", "passcode",
            "password", "otp", "tracking", "claim", "membership", "licence", "license", "passport", "ssn", "psc", "apo",
            "fpo", "dpo");
    private static final Set<String> QUANTITY_AFTER_CUE = Words.set("of", "items", "times", "days", "weeks", "months",
            "years", "hours", "minutes");

    @Override
    public void detect(Text text, List<EntitySpan> out) {
        String s = text.value;
        Matcher m = EMAIL.matcher(s);
        while (m.find()) {
            out.add(new EntitySpan(EntityType.EMAIL, m.start(), m.end(), 1.0));
        }
        findMoney(s, out);
        findDates(text, out);
        m = TIME.matcher(s);
        while (m.find()) {
            out.add(new EntitySpan(EntityType.TIME, m.start(), m.end(), 0.9));
        }
        m = IBAN.matcher(s);
        while (m.find()) {
            String compact = m.group().replace(" ", "");
            if (compact.length() >= 15 && compact.length() <= 34 && hasDigitsAfter(compact)) {
                out.add(new EntitySpan(EntityType.ID, m.start(), m.end(), ibanValid(compact) ? 1.0 : 0.75));
            }
        }
        m = IPV4.matcher(s);
        while (m.find()) {
            out.add(new EntitySpan(EntityType.NUMERIC, m.start(), m.end(), 0.95));
        }
        m = IPV6.matcher(s);
        while (m.find()) {
            String v = m.group();
            if (v.chars().filter(c -> c == ':').count() >= 3) {
                boolean letters = v.chars().anyMatch(Character::isLetter);
                out.add(new EntitySpan(letters ? EntityType.ID : EntityType.NUMERIC, m.start(), m.end(), 0.95));
            }
        }
        findDigitGroups(text, out);
        m = ALNUM_ID.matcher(s);
        while (m.find()) {
            String v = m.group();
            if (isIdentifier(v)) {
                out.add(new EntitySpan(EntityType.ID, m.start(), m.end(), 0.8));
            }
        }
        m = POSTCODE.matcher(s);
        while (m.find()) {
            out.add(new EntitySpan(EntityType.ID, m.start(), m.end(), 0.7));
        }
    }

    private static void findMoney(String s, List<EntitySpan> out) {
        Matcher m = MONEY.matcher(s);
        while (m.find()) {
            int start = m.start(), end = m.end();
            while (end > start && Character.isWhitespace(s.charAt(end - 1))) {
                end--;
            }
            while (start < end && (Character.isWhitespace(s.charAt(start)) || s.charAt(start) == '-')) {
                start++;
            }
            String v = s.substring(start, end).toLowerCase(Locale.ROOT);
            if (v.startsWith("a ") || v.startsWith("and ")) {
                start += v.indexOf(' ') + 1;
            }
            if (v.matches("(?:a|and|-|\\s)*(?:dollars?|bucks|euros?|pounds|quid|cents|grand)") || end <= start) {
                continue;
            }
            if (v.endsWith("grand") && !Character.isDigit(v.charAt(0)) && !v.contains(" ")) {
                continue;
            }
            out.add(new EntitySpan(EntityType.MONEY, start, end, 0.95));
        }
    }

    private static void findDates(Text text, List<EntitySpan> out) {
        String s = text.value;
        Matcher m = DATE.matcher(s);
        while (m.find()) {
            String v = m.group().toLowerCase(Locale.ROOT).strip();
            int start = m.start();
            if (v.startsWith("on ")) {
                start += 3;
                v = v.substring(3);
            }
            if (WEEKDAY_ABBREVIATIONS.contains(v)) {
                continue;
            }
            if (v.matches("(?:may|march|june|july|august|april)\\s+\\d+(?:st|nd|rd|th)?") && false) {
                continue;
            }
            boolean full = v.chars().filter(Character::isDigit).count() >= 4 || v.matches(".*[a-z]{3}.*\\d.*");
            out.add(new EntitySpan(EntityType.DATE, start, m.end(), full ? 0.95 : 0.9));
        }
        m = YEAR_ALONE.matcher(s);
        while (m.find()) {
            String before = previousWord(s, m.start());
            double score = YEAR_CUES.contains(before) ? 0.85 : 0.6;
            out.add(new EntitySpan(EntityType.DATE, m.start(), m.end(), score));
        }
    }

    private static void findDigitGroups(Text text, List<EntitySpan> out) {
        String s = text.value;
        Matcher m = DIGIT_GROUPS.matcher(s);
        while (m.find()) {
            String v = m.group();
            int digits = 0;
            for (int i = 0; i < v.length(); i++) {
                if (Character.isDigit(v.charAt(i))) {
                    digits++;
                }
            }
            boolean extension = v.chars().anyMatch(Character::isLetter);
            EntityType type = extension ? EntityType.ID : EntityType.NUMERIC;
            if (digits >= 5) {
                String compact = v.replaceAll("[^0-9]", "");
                double score = digits >= 13 && digits <= 19 && luhn(compact) ? 1.0 : digits >= 7 ? 0.9 : 0.8;
                out.add(new EntitySpan(type, m.start(), m.end(), score));
            } else if (digits >= 1 && v.matches("\\d{1,4}")) {
                String after = nextWord(s, m.end());
                if (hasNumberCue(s, m.start()) && !QUANTITY_AFTER_CUE.contains(after)) {
                    out.add(new EntitySpan(EntityType.NUMERIC, m.start(), m.end(), 0.75));
                }
            } else if (digits >= 3 && !v.matches("\\d{1,4}")) {
                // short grouped numbers ("12 34") only after a cue
                if (hasNumberCue(s, m.start())) {
                    out.add(new EntitySpan(type, m.start(), m.end(), 0.75));
                }
            }
        }
    }

    /** "pin 4821", "pin is 4821", "order number: 4411", "apt no. 5". */
    private static boolean hasNumberCue(String s, int start) {
        int at = start;
        for (int hop = 0; hop < 3; hop++) {
            int i = at - 1;
            while (i >= 0 && (s.charAt(i) == ' ' || s.charAt(i) == ':' || s.charAt(i) == '.' || s.charAt(i) == '\t'
                    || s.charAt(i) == '-')) {
                i--;
            }
            if (i < 0) {
                return false;
            }
            int end = i + 1;
            if (s.charAt(i) == '#') {
                i--;
            } else {
                while (i >= 0 && Character.isLetter(s.charAt(i))) {
                    i--;
                }
            }
            String before = s.substring(i + 1, end).toLowerCase(Locale.ROOT);
            if (NUMBER_CUES.contains(before)) {
                return true;
            }
            if (!LINKS.contains(before)) {
                return false;
            }
            at = i + 1;
        }
        return false;
    }

    private static final Set<String> LINKS = Words.set("is", "was", "number", "no", "#", "num", "nr", "code", "are", "be");

    static boolean isIdentifier(String v) {
        int digits = 0, letters = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (Character.isDigit(c)) {
                digits++;
            } else if (Character.isLetter(c)) {
                letters++;
            }
        }
        if (digits == 0 || letters == 0 || digits + letters < 4) {
            return false;
        }
        if (ORDINAL_OR_UNIT.matcher(v).matches()) {
            return false;
        }
        // "Blink-182", "covid-19", "mp3", "x2": a word with a number stuck to it is not an identifier
        String[] parts = v.split("[-/_]");
        boolean wordPart = false;
        for (String p : parts) {
            if (p.chars().allMatch(Character::isLetter) && p.length() > 3 && !p.equals(p.toUpperCase(Locale.ROOT))) {
                wordPart = true;
            }
        }
        if (wordPart) {
            return false;
        }
        return digits >= 2 || digits + letters >= 6;
    }

    private static boolean hasDigitsAfter(String compact) {
        return Character.isDigit(compact.charAt(2)) && Character.isDigit(compact.charAt(3))
                && compact.substring(4).chars().filter(Character::isDigit).count() >= 6;
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    static boolean ibanValid(String compact) {
        String rearranged = (compact.substring(4) + compact.substring(0, 4)).toUpperCase(Locale.ROOT);
        int mod = 0;
        for (int i = 0; i < rearranged.length(); i++) {
            char c = rearranged.charAt(i);
            int v = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
            if (v < 0 || v > 35) {
                return false;
            }
            mod = v > 9 ? (mod * 100 + v) % 97 : (mod * 10 + v) % 97;
        }
        return mod == 1;
    }

    /** The word just before {@code pos} (lower case, trailing dots and colons dropped), or "#". */
    static String previousWord(String s, int pos) {
        int i = pos - 1;
        while (i >= 0 && (s.charAt(i) == ' ' || s.charAt(i) == ':' || s.charAt(i) == '.' || s.charAt(i) == '\t'
                || s.charAt(i) == '-')) {
            i--;
        }
        if (i >= 0 && s.charAt(i) == '#') {
            return "#";
        }
        int end = i + 1;
        while (i >= 0 && Character.isLetter(s.charAt(i))) {
            i--;
        }
        return s.substring(i + 1, end).toLowerCase(Locale.ROOT);
    }

    static String nextWord(String s, int pos) {
        int i = pos;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        int start = i;
        while (i < s.length() && Character.isLetter(s.charAt(i))) {
            i++;
        }
        return s.substring(start, i).toLowerCase(Locale.ROOT);
    }
}
