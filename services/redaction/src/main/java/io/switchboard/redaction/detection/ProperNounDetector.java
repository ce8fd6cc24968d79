package io.switchboard.redaction.detection;

import io.switchboard.redaction.detection.Text.Token;

import java.util.List;
import java.util.Set;

/**
 * NAME, GPE and ORG from capitalised word runs, gazetteers and the words around them (design A).
 * <ol>
 *   <li>A run is a sequence of capitalised words on one line (initials and particles such as "van",
 *       "de" inside it), trimmed of common English words at its edges ("The", "Southern").</li>
 *   <li>It is an ORG when it ends with a company word ("Inc", "LLC", "Group", "Bank") or has the shape of
 *       a firm ("Evans-Bonilla", "White, Willis and Hoffman", "Thomas and Sons"); a GPE when it is a known
 *       place; a NAME when a word of it is a known first or last name. Cue words before it ("my name is",
 *       "Mr.", "from", "based in", "works for") and after it ("said", ": " opening a line of dialogue)
 *       settle ambiguous and unknown runs; an unknown run with no cue counts as a NAME with a low score.</li>
 *   <li>A common word that is also a name ("Rose", "Bill", "Will", "May") is a name only mid-sentence and
 *       capitalised, or next to another name, or after a name cue.</li>
 *   <li>In lower-cased text only cues and gazetteer pairs ("john smith") count.</li>
 * </ol>
 */
final class ProperNounDetector implements Detector {
    static final Set<String> ORG_SUFFIXES = Words.set("inc", "incorporated", "llc", "llp", "ltd", "limited", "corp",
            "corporation", "co", "company", "group", "holdings", "partners", "associates", "gmbh", "ag", "sa", "bv",
            "nv", "plc", "ab", "oy", "oyj", "asa", "spa", "srl", "sarl", "kft", "bank", "insurance", "services",
            "systems", "technologies", "technology", "solutions", "labs", "media", "foundation", "institute",
            "university", "agency", "industries", "enterprises", "international", "consulting", "software",
            "capital", "ventures", "pharmaceuticals", "airlines", "airways", "motors", "electronics", "studios",
            "networks", "communications", "telecom", "logistics", "bancorp", "trust", "fund", "society", "council",
            "association", "committee", "ministry", "department", "hospital", "clinic", "school", "college");
    static final Set<String> STOP = Words.set("the", "a", "an", "my", "our", "your", "his", "her", "their", "its",
            "this", "that", "these", "those", "what", "when", "where", "who", "whom", "why", "how", "which", "please",
            "hi", "hello", "hey", "dear", "thanks", "thank", "yes", "no", "ok", "okay", "i", "i'm", "i've", "i'll",
            "i'd", "we", "you", "he", "she", "they", "it", "it's", "is", "are", "was", "were", "be", "and", "or",
            "but", "so", "if", "then", "also", "just", "can", "could", "would", "should", "will", "shall", "may",
            "might", "must", "do", "does", "did", "have", "has", "had", "not", "all", "any", "some", "in", "on", "at",
            "to", "from", "of", "for", "with", "by", "as", "about", "into", "up", "out", "there", "here", "now",
            "today", "tomorrow", "yesterday", "sorry", "sure", "well", "oh", "ah", "bot", "user", "agent", "customer",
            "name", "address", "phone", "email", "e-mail", "website", "mobile", "desk", "fax", "zip", "personal",
            "info", "when", "where", "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "madam", "madame", "mister",
            "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
            "march", "april", "june", "july", "august", "september", "october", "november", "december", "god",
            "christmas", "easter", "am", "pm", "re", "fw", "fwd", "ps", "st", "rd", "ave", "usa", "id", "iban",
            "ssn", "atm", "pin", "cc", "tv", "ceo", "cfo", "cto", "vp", "hr", "it", "faq", "asap", "fyi", "btw",
            "lol", "omg", "thx", "pls", "plz", "cheers", "usns", "usnv", "uss", "usnsv", "uscgc", "apo", "fpo", "dpo", "psc", "regards", "best", "kind", "via", "let", "me", "us", "him",
            "them", "one", "two", "three", "old", "call", "ask", "tell", "said", "says");
    private static final Set<String> TITLES = Words.set("mr", "mrs", "ms", "miss", "dr", "prof", "sir", "madam", "mister",
            "mx", "dame", "lord", "lady", "uncle", "aunt", "auntie");
    private static final Set<String> PARTICLES = Words.set("van", "von", "de", "der", "den", "da", "di", "dos", "das", "del",
            "della", "du", "la", "le", "bin", "ibn", "al", "el", "af", "av", "zu", "ter", "ten", "y", "e", "mac", "st");
    /** Words just before a run that make it a person. */
    private static final Set<String> NAME_CUES_1 = Words.set("mr", "mrs", "ms", "miss", "dr", "prof", "sir", "madam",
            "mister", "named", "called", "dear", "hi", "hello", "hey", "thanks", "starring", "by", "with", "ask",
            "tell", "mrs.", "beneficiary", "son", "daughter", "wife", "husband", "kid", "brother", "sister",
            "mother", "father", "mom", "dad", "boss", "colleague", "manager", "agent", "friend", "partner",
            "grandfather", "grandmother", "uncle", "aunt", "cousin", "nephew", "niece", "spoke", "speak", "talk",
            "talked", "contact", "met", "meet", "under", "love", "cc", "attn", "sincerely", "regards", "cheers",
            "thank", "producer", "director", "singer", "songwriter", "author", "actor", "actress", "writer",
            "ex-zombie", "emailed", "called", "phoned", "helped", "is", "signed", "assist", "visit");
    private static final Set<String> NAME_CUE_PHRASES = Words.set("my name is", "name is", "name's", "i am", "i'm",
            "this is", "it's", "it is", "call me", "known as", "speak to", "speak with", "talk to", "talked to",
            "spoke to", "spoke with", "ask for", "directed by", "written by", "sung by", "name:", "last name",
            "first name", "surname", "full name", "account holder", "name on", "change it to", "his name", "her name",
            "go by", "people call me", "sometimes people call me");
    /** Words just before a run that make it a place. */
    private static final Set<String> PLACE_CUES_1 = Words.set("in", "from", "to", "near", "visit", "visiting", "visited",
            "travelling", "traveling", "travel", "moved", "move", "flying", "fly", "flew", "drive", "driving",
            "towards", "across", "around", "outside", "inside", "throughout", "southern", "northern", "eastern",
            "western", "central", "city", "state", "country", "province", "town", "capital", "downtown");
    private static final Set<String> PLACE_CUE_PHRASES = Words.set("based in", "lives in", "live in", "living in",
            "grew up in", "born in", "moved to", "moved from", "from", "i'm in", "i am in", "travelling to",
            "traveling to", "university of", "city of", "state of", "coming to", "going to", "back to", "out of",
            "here from", "originally from", "home city", "tribute here to the", "returned to", "ship to", "deliver to",
            "located in", "stay in", "staying in", "trip to", "flight to", "flight from");
    private static final Set<String> ORG_CUE_PHRASES = Words.set("work for", "works for", "worked for", "working for",
            "work at", "works at", "worked at", "working at", "employed by", "employed at", "joined", "recorded for",
            "invested in", "acquired", "acquired by", "customer of", "client of", "subsidiary of", "ceo of",
            "founder of", "president of", "according to the", "the address of", "spokesperson for", "shares of",
            "is from", "of");
    private static final Set<String> ORG_AFTER = Words.set("office", "offices", "website", "orchestra", "team", "headquarters",
            "hq", "employees", "staff", "stock", "shares", "ceo", "songwriter", "resignation", "is a design", "support",
            "app", "account", "store", "branch", "invested", "customers");
    private static final Set<String> NAME_AFTER = Words.set("said", "says", "say", "explained", "shouted", "told", "wrote",
            "asked", "replied", "answered", "had", "has", "began", "will", "is", "was", "listed", "lives", "called",
            "emailed", "mentioned", "thinks", "thought", "wants", "needs", "went", "came", "who", "and", "smiled");
    private static final String[] SURNAME_ENDINGS = {"sson", "sen", "son", "dóttir", "dottir", "ová", "ova", "eva",
            "ović", "ovic", "ević", "evic", "ić", "ic", "ski", "ska", "sky", "cki", "cka", "wicz", "czyk", "nen", "la",
            "ez", "es", "escu", "ov", "ev", "ko", "enko", "uk", "yuk", "shvili", "dze", "yan", "ian", "oglu", "ağa",
            "mann", "berg", "ström", "qvist", "quist", "lund", "gaard", "gård", "sdottir", "poulos", "akis", "idis",
            "opoulos", "elli", "etti", "ini", "ucci", "aki", "oto", "ata", "uchi", "moto", "hashi"};

    private final Gazetteers g;
    /** False for the gazetteers-only design: no cue words, no guess for unknown capitalised words. */
    private final boolean cues;

    ProperNounDetector(Gazetteers gazetteers, boolean cues) {
        this.g = gazetteers;
        this.cues = cues;
    }

    @Override
    public void detect(Text text, List<EntitySpan> out) {
        List<Token> tokens = text.tokens;
        if (cues) {
            findCuedNames(text, out);
        }
        if (text.lowerCased) {
            findLowerCaseNames(text, out);
            if (cues) {
                findLowerCasePlaces(text, out);
            }
            return;
        }
        int[] company = cues ? signatureCompany(text) : null;
        int i = 0;
        while (i < tokens.size()) {
            if (company != null && company[i] > i) {
                out.add(new EntitySpan(EntityType.ORG, tokens.get(i).start, orgEnd(text, tokens.get(company[i] - 1)),
                        CombinedNameDetector.STRONG_RULE));
                i = company[i];
                continue;
            }
            if (!startsRun(text, i)) {
                i++;
                continue;
            }
            int end = i + 1;
            while (end < tokens.size() && continuesRun(text, end)) {
                if (!tokens.get(end - 1).base.equals(tokens.get(end - 1).lower)) {
                    break; // a possessive ends the run
                }
                end++;
            }
            // particles and initials may not end a run
            while (end - 1 > i && (PARTICLES.contains(tokens.get(end - 1).lower) || isConnector(tokens.get(end - 1)))) {
                end--;
            }
            classify(text, i, end, out);
            i = end;
        }
    }

    /**
     * A signature block's company: a line of one to four capitalised words between a line that is a
     * person's name and a line that opens with a street number ("Marisa Alves / Legistorm / 09457 Vana-Viru
     * 25"). {@code result[i]} is the end (exclusive) of the company's words starting at token i, else 0.
     * A line of ordinary English words is a job title ("Labor Relations Director"), not a company; a line that
     * is itself a known name or place is left to the other rules.
     */
    private int[] signatureCompany(Text text) {
        List<Token> tokens = text.tokens;
        int[] result = new int[tokens.size()];
        List<int[]> lines = new java.util.ArrayList<>();
        int lineFrom = 0;
        for (int k = 1; k <= tokens.size(); k++) {
            if (k == tokens.size() || tokens.get(k).lineStart) {
                int a = lineFrom;
                while (a < k && !tokens.get(a).word) {
                    a++; // quote markers: "> ", "??? "
                }
                int b = k;
                while (b > a && !tokens.get(b - 1).word) {
                    b--;
                }
                lines.add(new int[] {a, b});
                lineFrom = k;
            }
        }
        for (int l = 1; l + 1 < lines.size(); l++) {
            int a = lines.get(l)[0], b = lines.get(l)[1];
            if (b - a < 1 || b - a > 7 || !isNameLine(tokens, lines.get(l - 1))) {
                continue;
            }
            // "Name / Company / address" or "Name / Company / Name / address"
            boolean addressNext = opensAddress(tokens, lines.get(l + 1))
                    || l + 2 < lines.size() && isNameLine(tokens, lines.get(l + 1)) && opensAddress(tokens, lines.get(l + 2));
            if (!addressNext) {
                continue;
            }
            boolean capitalised = true;
            boolean ordinary = true;
            for (int k = a; k < b; k++) {
                Token t = tokens.get(k);
                boolean connector = t.lower.equals("and") || t.lower.equals("&") || t.lower.equals("of");
                if (t.word && !connector && (t.hasDigit || !t.capitalized && !t.allCaps)) {
                    capitalised = false;
                }
                if (t.word && !connector && !isCommonWord(t) && !STOP.contains(t.base)) {
                    ordinary = false;
                }
            }
            String phrase = phrase(tokens, a, b);
            // the repeated name of "Name / Company / Name / address" is the person again, not a company
            boolean repeatsName = l >= 2 && phrase.equals(phrase(tokens, lines.get(l - 2)[0], lines.get(l - 2)[1]));
            boolean person = g.isFirstName(tokens.get(a).base) && b - a >= 2;
            if (capitalised && !ordinary && !repeatsName && !person && !g.isPlace(phrase) && strongNameHits(a, b, tokens) < 2) {
                result[a] = b;
            }
        }
        describedCompanies(text, result);
        return result;
    }

    /** Nouns that say what kind of organisation the subject is: "X is a design agency", "X is an investment bank". */
    private static final Set<String> ORGANISATION_NOUNS = Words.set("agency", "company", "bank", "firm", "startup",
            "start-up", "corporation", "business", "brand", "retailer", "manufacturer", "provider", "organization",
            "organisation", "charity", "nonprofit", "non-profit", "insurer", "airline", "carrier", "supplier",
            "consultancy", "publisher", "broker", "operator", "vendor", "conglomerate", "multinational", "501(c)3");

    /** "Telenav is a design agency", "Persint is an German multinational investment bank": the subject is an ORG. */
    private void describedCompanies(Text text, int[] result) {
        List<Token> tokens = text.tokens;
        for (int i = 1; i + 2 < tokens.size(); i++) {
            if (!tokens.get(i).lower.equals("is") || !(tokens.get(i + 1).lower.equals("a") || tokens.get(i + 1).lower.equals("an"))) {
                continue;
            }
            boolean described = false;
            for (int k = i + 2; k < Math.min(tokens.size(), i + 7) && tokens.get(k).word && !described; k++) {
                described = ORGANISATION_NOUNS.contains(tokens.get(k).lower);
            }
            if (!described) {
                continue;
            }
            int s = i;
            while (s > 0 && tokens.get(s - 1).word && !tokens.get(s - 1).hasDigit && !tokens.get(s - 1).lineStart
                    && (tokens.get(s - 1).capitalized || tokens.get(s - 1).allCaps) && !STOP.contains(tokens.get(s - 1).lower)) {
                s--;
            }
            if (s > 0 && tokens.get(s - 1).lineStart && tokens.get(s - 1).word && tokens.get(s - 1).capitalized
                    && !STOP.contains(tokens.get(s - 1).lower)) {
                s--;
            }
            // "Maria is a bank manager": a person described by her job
            if (s < i && strongNameHits(s, i, tokens) < 2 && !g.isFirstName(tokens.get(s).base)) {
                result[s] = i;
            }
        }
    }

    /** A line that opens with a house number, or a unit word and its number ("Unit 5022 Box 1225"). */
    private static boolean opensAddress(List<Token> tokens, int[] line) {
        if (line[1] <= line[0]) {
            return false;
        }
        Token first = tokens.get(line[0]);
        if (first.hasDigit && !first.hasLetter) {
            return true;
        }
        Token second = line[0] + 1 < line[1] ? tokens.get(line[0] + 1) : null;
        return Words.set("unit", "suite", "apt", "box", "flat", "po").contains(first.lower.replace(".", ""))
                && second != null && second.hasDigit && !second.hasLetter;
    }

    /** Two to four capitalised words or initials: a person's name line in a signature. */
    private boolean isNameLine(List<Token> tokens, int[] line) {
        int words = 0;
        for (int k = line[0]; k < line[1]; k++) {
            Token t = tokens.get(k);
            if (!t.word) {
                continue;
            }
            if (t.hasDigit || !t.capitalized && !isInitial(t)) {
                return false;
            }
            words++;
        }
        return words >= 2 && words <= 4;
    }

    private boolean startsRun(Text text, int i) {
        Token t = text.tokens.get(i);
        return t.word && !t.hasDigit && (t.capitalized || t.allCaps && t.text.length() > 1) && !inUrl(text, t);
    }

    /** Part of a web address or e-mail ("www.ClickPhobia.com"): not a name. */
    static boolean inUrl(Text text, Token t) {
        String s = text.value;
        char before = t.start > 0 ? s.charAt(t.start - 1) : ' ';
        boolean dotAfter = t.end + 1 < s.length() && (s.charAt(t.end) == '.' || s.charAt(t.end) == '@')
                && Character.isLetter(s.charAt(t.end + 1));
        return before == '.' || before == '/' || before == '@' || dotAfter && !isInitial(t);
    }

    private boolean continuesRun(Text text, int i) {
        Token t = text.tokens.get(i);
        if (t.lineStart) {
            return false;
        }
        if (startsRun(text, i)) {
            return true;
        }
        Token next = text.token(i + 1);
        boolean nextCapital = next != null && !next.lineStart && next.word && next.capitalized && !next.hasDigit;
        return nextCapital && (PARTICLES.contains(t.lower) || isConnector(t));
    }

    /** Company words written abbreviated: their period belongs to the name ("Miller Ltd.", "Acme Inc."). */
    private static final Set<String> ABBREVIATED_SUFFIXES = Words.set("inc", "ltd", "corp", "co", "llc", "plc", "bros");

    /** Where an organisation ending in {@code last} ends: after the period of an abbreviated company word. */
    static int orgEnd(Text text, Token last) {
        int end = last.baseEnd();
        if (ABBREVIATED_SUFFIXES.contains(last.base) && end < text.value.length() && text.value.charAt(end) == '.') {
            return end + 1;
        }
        return end;
    }

    private static boolean isConnector(Token t) {
        return t.lower.equals("and") || t.lower.equals("&") || t.isPunct(',');
    }

    private void classify(Text text, int from, int to, List<EntitySpan> out) {
        List<Token> tokens = text.tokens;
        Token last = tokens.get(to - 1);
        // "Thomas and Sons", "Smith & Co"
        if (to - from >= 3 && (last.lower.equals("sons") || last.lower.equals("co")) && isConnector(tokens.get(to - 2))) {
            int s = from;
            while (s < to - 1 && isStop(tokens.get(s)) && !isConnector(tokens.get(s))) {
                s++;
            }
            out.add(new EntitySpan(EntityType.ORG, tokens.get(s).start, orgEnd(text, last), 0.85));
            return;
        }
        // split at commas and "and", but keep "White, Willis and Hoffman" (three surnames: a firm) whole
        int s = from;
        int k = from;
        while (k <= to) {
            if (k < to && isFirm(tokens, k, to)) {
                if (k > s) {
                    classifySimple(text, s, k, out);
                }
                out.add(new EntitySpan(EntityType.ORG, tokens.get(k).start, tokens.get(k + 4).baseEnd(), 0.8));
                k += 5;
                s = k;
                continue;
            }
            if (k == to || isConnector(tokens.get(k))) {
                if (k > s) {
                    classifySimple(text, s, k, out);
                }
                s = k + 1;
            }
            k++;
        }
    }

    private boolean isFirm(List<Token> tokens, int k, int to) {
        if (k + 5 > to || !tokens.get(k + 1).isPunct(',')
                || !(tokens.get(k + 3).lower.equals("and") || tokens.get(k + 3).lower.equals("&"))) {
            return false;
        }
        int surnames = 0;
        for (int w : new int[] {k, k + 2, k + 4}) {
            Token t = tokens.get(w);
            if (isConnector(t) || !t.capitalized) {
                return false;
            }
            if (g.isLastName(t.base)) {
                surnames++;
            }
        }
        return surnames >= 2;
    }

    private void classifySimple(Text text, int from, int to, List<EntitySpan> out) {
        List<Token> tokens = text.tokens;
        Token rawLast = tokens.get(to - 1);
        if (to - from >= 2 && ORG_SUFFIXES.contains(rawLast.base.replace(".", ""))) {
            int s = from;
            while (s < to - 1 && isStop(tokens.get(s))) {
                s++;
            }
            if (s < to - 1) {
                out.add(new EntitySpan(EntityType.ORG, tokens.get(s).start, orgEnd(text, rawLast), 0.85));
                return;
            }
        }
        // stop words, contractions, titles and acronyms never start or end an entity
        while (from < to && isStop(tokens.get(from))) {
            from++;
        }
        while (to > from && isStop(tokens.get(to - 1))) {
            to--;
        }
        if (from >= to) {
            return;
        }
        if (to - from >= 2 && ORG_SUFFIXES.contains(tokens.get(to - 1).base.replace(".", ""))) {
            out.add(new EntitySpan(EntityType.ORG, tokens.get(from).start, orgEnd(text, tokens.get(to - 1)), 0.85));
            return;
        }
        // A title or a first name with a middle initial says "person" about every word of the run, common words
        // included ("Mr. Spears", "Brad L Key"): decided before common words are trimmed off its edges.
        boolean title = cues && (from > 0 && TITLES.contains(tokens.get(from - 1).lower.replace(".", ""))
                || from > 1 && tokens.get(from - 1).isPunct('.') && TITLES.contains(tokens.get(from - 2).lower));
        boolean initialled = cues && hasMiddleInitial(tokens, from, to);
        if (!title && !initialled && strongNameHits(from, to, tokens) == 0 && !g.isPlace(phrase(tokens, from, to))) {
            // no known name: common words at the edges are not part of it ("Southern Tunisia", "The Exversion")
            while (from < to && (isCommonWord(tokens.get(from)) || isStop(tokens.get(from)))) {
                from++;
            }
            while (to > from && (isCommonWord(tokens.get(to - 1)) || isStop(tokens.get(to - 1)))) {
                to--;
            }
            if (from >= to) {
                return;
            }
        }
        Token first = tokens.get(from);
        Token last = tokens.get(to - 1);
        int start = first.start;
        int end = last.baseEnd();
        String phrase = phrase(tokens, from, to);
        int n = to - from;

        boolean nameCue = cues && hasNameCue(text, from);
        // hyphenated double surname standing alone: Mayo-Walters
        if (n == 1 && first.lower.indexOf('-') > 0 && !nameCue && !title) {
            String[] parts = first.base.split("-");
            if (parts.length == 2 && g.isLastName(parts[0]) && g.isLastName(parts[1])) {
                out.add(new EntitySpan(EntityType.ORG, start, end, 0.7));
                return;
            }
        }
        int firstHits = 0, lastHits = 0, strongHits = 0, unknown = 0, nationality = 0;
        for (int k = from; k < to; k++) {
            Token t = tokens.get(k);
            String b = t.base;
            boolean f = g.isFirstName(b), l = g.isLastName(b);
            boolean word = g.isWord(b) || STOP.contains(b);
            if (f) {
                firstHits++;
            }
            if (l) {
                lastHits++;
            }
            if ((f || l) && !word) {
                strongHits++;
            }
            if (!f && !l && !word && !isInitial(t) && !PARTICLES.contains(b)) {
                unknown++;
            }
            if (g.isNationality(b)) {
                nationality++;
            }
        }
        boolean place = g.isPlace(phrase);
        boolean country = g.isCountry(phrase);
        boolean placeCue = cues && hasPlaceCue(text, from);
        boolean orgCue = cues && hasOrgCue(text, from, to);
        boolean dialogue = cues && first.lineStart && text.token(to) != null && text.token(to).isPunct(':');
        boolean nameAfter = cues && (text.token(to) != null && NAME_AFTER.contains(text.token(to).lower)
                || !last.base.equals(last.lower));

        if (nationality == n && !nameCue && !title) {
            return;
        }
        boolean street = AddressDetector.STREET_PREFIXES.contains(first.lower) && n > 1
                || n > 1 && AddressDetector.STREET_WORDS.contains(last.lower.replace(".", ""))
                || AddressDetector.hasStreetSuffix(last.lower);
        if (street && !title && !nameCue) {
            if (placeCue) {
                out.add(new EntitySpan(EntityType.GPE, start, end, 0.6));
            }
            return; // a street: the AddressDetector's
        }
        if (country && !title && !dialogue && !(g.isFirstName(phrase) && nameAfter && !placeCue)) {
            out.add(new EntitySpan(EntityType.GPE, start, end, 0.9));
            return;
        }
        if (title || initialled) {
            // as sure as a cue phrase: the model's other type for the same words does not win ("Mr. Demidov" GPE)
            out.add(new EntitySpan(EntityType.NAME, start, end, CombinedNameDetector.STRONG_RULE));
            return;
        }
        if (dialogue || nameCue && (!placeCue || hasNameCuePhrase(text, from))) {
            out.add(new EntitySpan(EntityType.NAME, start, end, 0.85));
            return;
        }
        if (place && (placeCue || strongHits == 0 || n > 1 && firstHits == 0)) {
            out.add(new EntitySpan(EntityType.GPE, start, end, placeCue ? 0.9 : 0.8));
            return;
        }
        if (cues && !nameCue && hasSurePlaceCue(text, from)) {
            out.add(new EntitySpan(EntityType.GPE, start, end, CombinedNameDetector.STRONG_RULE));
            return;
        }
        if (orgCue && strongHits == 0) {
            out.add(new EntitySpan(EntityType.ORG, start, end, 0.6));
            return;
        }
        boolean ambiguousSingle = n == 1 && strongHits == 0;
        // "John is nice", "Mark said": a first name that is also a word opens a sentence as a person before a verb
        boolean subject = ambiguousSingle && nameAfter && g.isFirstName(first.base);
        if (firstHits + lastHits > 0 && !(ambiguousSingle && first.sentenceStart && !subject)) {
            if (ambiguousSingle && !g.isFirstName(first.base) && !nameAfter) {
                return; // a common word that is only a surname ("Wisdom", "Discipline") needs a cue
            }
            out.add(new EntitySpan(EntityType.NAME, start, end, strongHits > 0 ? 0.85 : 0.6));
            return;
        }
        if (unknown == 0 || !cues) {
            return; // only common words, or nothing but an unknown word to go on
        }
        if (placeCue) {
            out.add(new EntitySpan(EntityType.GPE, start, end, 0.6));
            return;
        }
        if (n == 1 && isCompoundOfWords(first.base)) {
            out.add(new EntitySpan(EntityType.ORG, start, end, 0.6)); // Flightaware, Lexisnexis, Topcoder
            return;
        }
        boolean surnameShape = false;
        for (int k = from; k < to; k++) {
            surnameShape |= hasSurnameEnding(tokens.get(k).base);
        }
        // an unknown capitalised word with no cue: a NAME (as an ORG, NAME recall on pii-dev fell from 0.94 to 0.88)
        out.add(new EntitySpan(EntityType.NAME, start, end, surnameShape || nameAfter ? 0.65 : 0.55));
    }

    private int strongNameHits(int from, int to, List<Token> tokens) {
        int hits = 0;
        for (int k = from; k < to; k++) {
            String b = tokens.get(k).base;
            if (g.isName(b) && !g.isWord(b) && !STOP.contains(b)) {
                hits++;
            }
        }
        return hits;
    }

    /** Two common words written as one ("flightaware", "topcoder"): a brand, not a person. */
    private boolean isCompoundOfWords(String lower) {
        if (lower.length() < 7 || g.isName(lower)) {
            return false;
        }
        for (int cut = 3; cut <= lower.length() - 3; cut++) {
            String a = lower.substring(0, cut), b = lower.substring(cut);
            if (a.length() >= 4 && b.length() >= 3 && g.isWord(a) && g.isWord(b) && !g.isName(a)) {
                return true;
            }
        }
        return false;
    }

    private boolean isStop(Token t) {
        String l = t.lower.replace(".", "");
        if (STOP.contains(t.base) || STOP.contains(l) || PARTICLES.contains(t.lower) || isConnector(t)) {
            return true;
        }
        int apostrophe = Math.max(t.lower.indexOf('\''), t.lower.indexOf('\u2019'));
        if (apostrophe > 0 && t.base.equals(t.lower)) {
            return true; // don't, they're, we'll, c'mon
        }
        return t.allCaps && t.text.replace(".", "").length() <= 3 && !isInitial(t);
    }

    private boolean isCommonWord(Token t) {
        return g.isWord(t.base) && !g.isName(t.base) && !g.isPlace(t.base) && !ORG_SUFFIXES.contains(t.base);
    }

    /** "Ravil G Yefimov", "Faina D. Yefremova": a known first name, then initials, then a capitalised word. */
    private boolean hasMiddleInitial(List<Token> tokens, int from, int to) {
        Token first = tokens.get(from);
        if (to - from < 3 || isInitial(first) || !g.isFirstName(first.base) && (isCommonWord(first) || isStop(first))) {
            return false;
        }
        int k = from + 1;
        while (k < to - 1 && isInitial(tokens.get(k))) {
            k++;
        }
        Token last = tokens.get(to - 1);
        return k > from + 1 && k == to - 1 && last.capitalized && !last.hasDigit && !isInitial(last);
    }

    private static boolean isInitial(Token t) {
        return (t.text.length() == 1 || t.text.length() == 2 && t.text.charAt(1) == '.')
                && Character.isUpperCase(t.text.charAt(0));
    }

    static boolean hasSurnameEnding(String lower) {
        for (String e : SURNAME_ENDINGS) {
            if (lower.endsWith(e) && lower.length() >= e.length() + 3) {
                return true;
            }
        }
        return false;
    }

    private static String phrase(List<Token> tokens, int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int k = from; k < to; k++) {
            if (k > from) {
                b.append(' ');
            }
            b.append(k == to - 1 ? tokens.get(k).base : tokens.get(k).lower);
        }
        return b.toString();
    }

    /** The one to three lower-cased words before token {@code i}, skipping punctuation other than ':'. */
    private static String before(Text text, int i, int words) {
        StringBuilder b = new StringBuilder();
        int k = i - 1;
        int taken = 0;
        while (k >= 0 && taken < words) {
            Token t = text.tokens.get(k);
            if (t.word) {
                b.insert(0, b.length() == 0 ? t.lower : t.lower + " ");
                taken++;
            } else if (t.isPunct(':')) {
                b.insert(0, b.length() == 0 ? ":" : ": ");
                if (taken > 0) {
                    break;
                }
            } else if (!t.isPunct('.') && !t.isPunct(',')) {
                break;
            }
            if (t.lineStart) {
                break;
            }
            k--;
        }
        return b.toString().replace(" :", ":");
    }

    private static boolean endsWithPhrase(String before, Set<String> phrases) {
        for (String p : phrases) {
            if (before.equals(p) || before.endsWith(" " + p)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasNameCue(Text text, int i) {
        String b1 = before(text, i, 1);
        String b4 = before(text, i, 4);
        return NAME_CUES_1.contains(b1) && !b1.equals("is") || endsWithPhrase(b4, NAME_CUE_PHRASES)
                || b4.endsWith("name:") || b4.endsWith("name is");
    }

    /** A multi-word person cue ("talk to", "my name is") outweighs a place preposition. */
    private static boolean hasNameCuePhrase(Text text, int i) {
        String b4 = before(text, i, 4);
        return endsWithPhrase(b4, NAME_CUE_PHRASES) || b4.endsWith("name:") || b4.endsWith("name is");
    }

    private static boolean hasPlaceCue(Text text, int i) {
        String b1 = before(text, i, 1);
        String b4 = before(text, i, 4);
        return PLACE_CUES_1.contains(b1) || endsWithPhrase(b4, PLACE_CUE_PHRASES);
    }

    /** Phrases after which a proper noun is a place whatever else it could be: "grew up in Jackson", "moved here from Kenosha". */
    private static final Set<String> SURE_PLACE_PHRASES = Words.set("based in", "lives in", "live in", "living in",
            "grew up in", "born in", "moved to", "moved from", "here from", "originally from", "located in", "stay in",
            "staying in", "trip to", "flight to", "flight from", "travelling to", "traveling to", "i'm in", "i am in",
            "returned to", "city of", "state of", "moved here from", "i live in", "we live in");

    private static boolean hasSurePlaceCue(Text text, int i) {
        return endsWithPhrase(before(text, i, 4), SURE_PLACE_PHRASES);
    }

    private static boolean hasOrgCue(Text text, int from, int to) {
        String b4 = before(text, from, 4);
        if (endsWithPhrase(b4, ORG_CUE_PHRASES) && !before(text, from, 1).equals("of")) {
            return true;
        }
        Token next = text.token(to);
        Token next2 = text.token(to + 1);
        if (next != null && next.word) {
            String after = next.lower + (next2 != null && next2.word ? " " + next2.lower : "");
            for (String a : ORG_AFTER) {
                if (after.equals(a) || after.startsWith(a + " ") || next.lower.equals(a)) {
                    return true;
                }
            }
        }
        Token prev = text.token(from - 1);
        return prev != null && prev.lower.equals("the") && next != null && ORG_AFTER.contains(next.lower);
    }

    /** "my name is john smith", "Name: leone mazzi": up to three words after a strong cue. */
    private void findCuedNames(Text text, List<EntitySpan> out) {
        List<Token> tokens = text.tokens;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            int after = -1;
            boolean strong = false;
            if (t.lower.equals("name") || t.lower.equals("name's")) {
                int k = i + 1;
                if (t.lower.equals("name") && text.token(k) != null && (text.lower(k).equals("is") || text.token(k).isPunct(':'))) {
                    k++;
                    if (text.lower(k).equals("is")) {
                        k++;
                    }
                }
                if (k > i + 1 || t.lower.equals("name's")) {
                    after = k;
                    strong = true;
                }
            } else if ((t.lower.equals("call") || t.lower.equals("named") || t.lower.equals("called"))
                    && (text.lower(i + 1).equals("me") || !t.lower.equals("call"))) {
                after = t.lower.equals("call") ? i + 2 : i + 1;
                strong = t.lower.equals("call") && !text.lower(i + 2).equals("on") && !text.lower(i + 2).equals("at")
                        && !text.lower(i + 2).equals("back");
                if (t.lower.equals("call")) {
                    strong &= !text.token(i + 2 < tokens.size() ? i + 2 : i).hasDigit;
                }
            } else if (t.lower.equals("i'm") || t.lower.equals("im") || t.lower.equals("its") || t.lower.equals("it's")
                    || t.lower.equals("this") && text.lower(i + 1).equals("is")
                    || t.lower.equals("i") && text.lower(i + 1).equals("am")) {
                after = t.lower.indexOf('m') > 0 || t.lower.startsWith("it") ? i + 1 : i + 2;
            }
            if (after < 0 || after >= tokens.size()) {
                continue;
            }
            int k = after;
            int words = 0;
            while (k < tokens.size() && words < 3) {
                Token w = tokens.get(k);
                if (!w.word || w.hasDigit || (w.lineStart && k > after) || STOP.contains(w.base)
                        || g.isNationality(w.base) && !g.isName(w.base)) {
                    break;
                }
                if (!strong) {
                    // weak cue ("i'm", "this is"): only known first names, never common words
                    Token after1 = text.token(k + 1);
                    boolean alone = after1 == null || !after1.word;
                    boolean wordName = g.isWord(w.base) && !w.capitalized && !g.isEnglishFirstName(w.base);
                    if (words == 0 && (!g.isFirstName(w.base) || wordName)) {
                        break;
                    }
                    if (words > 0 && !g.isName(w.base) && !(w.capitalized && !g.isWord(w.base))) {
                        break;
                    }
                } else if (words > 0 && g.isWord(w.base) && !g.isName(w.base)) {
                    break;
                }
                words++;
                k++;
                if (!w.base.equals(w.lower)) {
                    break;
                }
            }
            if (words > 0) {
                out.add(new EntitySpan(EntityType.NAME, tokens.get(after).start, tokens.get(k - 1).baseEnd(),
                        strong ? 0.9 : 0.75));
            }
        }
    }

    /** Lower-cased text: a known first name followed by a known last name, neither a common word. */
    private void findLowerCaseNames(Text text, List<EntitySpan> out) {
        List<Token> tokens = text.tokens;
        for (int i = 0; i + 1 < tokens.size(); i++) {
            Token a = tokens.get(i), b = tokens.get(i + 1);
            if (a.word && b.word && !b.lineStart && !a.hasDigit && !b.hasDigit
                    && g.isFirstName(a.base) && (g.isLastName(b.base) || hasSurnameEnding(b.base))
                    && !STOP.contains(a.base) && !STOP.contains(b.base)
                    && (!g.isWord(a.base) || !g.isWord(b.base))) {
                out.add(new EntitySpan(EntityType.NAME, a.start, b.baseEnd(), 0.7));
                i++;
            } else if (a.word && !a.hasDigit && (hasNameCue(text, i) || a.lineStart && b.isPunct(':'))
                    && g.isName(a.base) && !STOP.contains(a.base) && !g.isWord(a.base)) {
                out.add(new EntitySpan(EntityType.NAME, a.start, a.baseEnd(), 0.7));
            }
        }
    }

    /** Lower-cased text: a known place after a place cue ("i live in paris"). */
    private void findLowerCasePlaces(Text text, List<EntitySpan> out) {
        List<Token> tokens = text.tokens;
        for (int i = 0; i < tokens.size(); i++) {
            if (!tokens.get(i).word || !hasPlaceCue(text, i)) {
                continue;
            }
            for (int n = Math.min(g.maxPlaceWords(), 4); n >= 1; n--) {
                if (i + n > tokens.size()) {
                    continue;
                }
                String phrase = phrase(tokens, i, i + n);
                if (g.isPlace(phrase) && !(n == 1 && g.isWord(phrase))) {
                    out.add(new EntitySpan(EntityType.GPE, tokens.get(i).start, tokens.get(i + n - 1).baseEnd(), 0.75));
                    break;
                }
            }
        }
    }
}
