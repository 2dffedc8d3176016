package quotes

import "strings"

// clauseUse says how a speech verb may introduce reported speech.
type clauseUse int

const (
	quoteOnly clauseUse = iota // attributes quotations only ("he continued", "she asked")
	thatOnly                   // reported clause only after "that" ("confirmed that ...")
	zeroThat                   // "that" may be left out ("said the talks ...")
)

type verbInfo struct {
	base   string
	clause clauseUse
	// subjunctive verbs take a bare "be" clause ("suggested talks be held").
	subjunctive bool
}

// speechVerbs maps every inflected form of a speech verb to its entry.
var speechVerbs = buildVerbs()

func buildVerbs() map[string]verbInfo {
	m := map[string]verbInfo{}
	add := func(use clauseUse, subj bool, forms ...string) {
		for _, f := range forms {
			m[f] = verbInfo{base: forms[0], clause: use, subjunctive: subj}
		}
	}
	add(zeroThat, false, "say", "said", "says", "saying")
	add(zeroThat, false, "tell", "told", "tells", "telling")
	add(zeroThat, false, "add", "added", "adds", "adding")
	add(zeroThat, false, "state", "stated", "states", "stating")
	add(zeroThat, false, "declare", "declared", "declares", "declaring")
	add(zeroThat, false, "claim", "claimed", "claims", "claiming")
	add(zeroThat, false, "write", "wrote", "writes", "writing")
	add(zeroThat, true, "insist", "insisted", "insists", "insisting")
	add(zeroThat, false, "warn", "warned", "warns", "warning")
	add(zeroThat, false, "tweet", "tweeted", "tweets")
	add(zeroThat, false, "emphasise", "emphasised", "emphasises", "emphasising")
	add(zeroThat, false, "emphasize", "emphasized", "emphasizes", "emphasizing")
	add(zeroThat, false, "stress", "stressed", "stresses", "stressing")
	add(zeroThat, false, "argue", "argued", "argues", "arguing")
	add(zeroThat, false, "assert", "asserted", "asserts", "asserting")
	add(zeroThat, false, "admit", "admitted", "admits", "admitting")
	add(zeroThat, false, "report", "reported", "reports")
	add(zeroThat, true, "suggest", "suggested", "suggests", "suggesting")
	add(zeroThat, false, "predict", "predicted", "predicts", "predicting")
	add(zeroThat, false, "note", "noted", "notes", "noting")
	add(zeroThat, false, "explain", "explained", "explains", "explaining")
	add(zeroThat, false, "announce", "announced", "announces", "announcing")
	add(zeroThat, false, "reply", "replied", "replies", "replying")
	add(zeroThat, false, "post", "posted")
	add(zeroThat, false, "acknowledge", "acknowledged", "acknowledges", "acknowledging")
	add(zeroThat, false, "concede", "conceded", "concedes", "conceding")
	add(zeroThat, false, "confirm", "confirmed", "confirms", "confirming")
	add(zeroThat, false, "reiterate", "reiterated", "reiterates", "reiterating")
	add(zeroThat, false, "indicate", "indicated", "indicates", "indicating")
	add(zeroThat, false, "allege", "alleged", "alleges", "alleging")
	add(zeroThat, false, "contend", "contended", "contends", "contending")
	add(zeroThat, false, "maintain", "maintained", "maintains")
	add(zeroThat, false, "recall", "recalled", "recalls", "recalling")
	add(zeroThat, false, "reveal", "revealed", "reveals", "revealing")
	add(zeroThat, false, "proclaim", "proclaimed", "proclaims")
	add(zeroThat, false, "boast", "boasted", "boasts")
	add(zeroThat, false, "complain", "complained", "complains", "complaining")
	add(thatOnly, false, "deny", "denied", "denies", "denying")
	add(thatOnly, false, "respond", "responded", "responds")
	add(thatOnly, false, "answer", "answered", "answers")
	add(thatOnly, true, "urge", "urged", "urges", "urging")
	add(thatOnly, true, "demand", "demanded", "demands", "demanding")
	add(thatOnly, true, "propose", "proposed", "proposes", "proposing")
	add(thatOnly, true, "recommend", "recommended", "recommends")
	add(thatOnly, false, "observe", "observed", "observes")
	add(thatOnly, false, "remark", "remarked", "remarks")
	add(thatOnly, false, "comment", "commented", "comments")
	add(thatOnly, false, "conclude", "concluded", "concludes")
	add(thatOnly, false, "promise", "promised", "promises", "promising")
	add(thatOnly, false, "vow", "vowed", "vows", "vowing")
	add(thatOnly, false, "pledge", "pledged", "pledges")
	add(thatOnly, false, "caution", "cautioned", "cautions")
	add(thatOnly, false, "disclose", "disclosed", "discloses")
	add(thatOnly, false, "estimate", "estimated", "estimates")
	add(thatOnly, false, "repeat", "repeated", "repeats")
	add(thatOnly, false, "underline", "underlined", "underlines")
	add(thatOnly, false, "underscore", "underscored", "underscores")
	add(thatOnly, false, "highlight", "highlighted", "highlights")
	add(thatOnly, false, "threaten", "threatened", "threatens")
	add(thatOnly, false, "mention", "mentioned", "mentions")
	add(thatOnly, false, "clarify", "clarified", "clarifies")
	add(thatOnly, false, "reaffirm", "reaffirmed", "reaffirms")
	add(thatOnly, false, "signal", "signalled", "signaled", "signals")
	add(thatOnly, false, "hint", "hinted", "hints")
	add(thatOnly, false, "inform", "informed", "informs")
	add(thatOnly, false, "specify", "specified", "specifies")
	add(thatOnly, false, "express", "expressed", "expresses")
	add(quoteOnly, false, "continue", "continued")
	add(quoteOnly, false, "ask", "asked", "asks")
	add(quoteOnly, false, "joke", "joked")
	add(quoteOnly, false, "quip", "quipped")
	add(quoteOnly, false, "exclaim", "exclaimed")
	add(quoteOnly, false, "shout", "shouted")
	add(quoteOnly, false, "whisper", "whispered")
	add(quoteOnly, false, "recount", "recounted")
	add(quoteOnly, false, "begin", "began")
	add(quoteOnly, false, "concur", "concurred")
	// "called the plan "a tax on the poor"": a quoted judgement.
	add(quoteOnly, false, "call", "called", "calls", "calling")
	return m
}

// npObjectNouns: a speech verb directly followed by one of these takes a
// noun-phrase object, not a clause ("said nothing").
var npObjectNouns = set("nothing", "something", "little", "much", "goodbye", "so", "yes", "no",
	"more", "otherwise", "hello", "thanks", "sorry")

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// skipBetween are words that may stand between a subject and its speech
// verb ("Peskov also said", "Trump has said", "she later added").
var skipBetween = set("also", "later", "earlier", "then", "again", "reportedly", "previously",
	"recently", "separately", "further", "once", "repeatedly", "publicly", "privately",
	"just", "has", "have", "had", "was", "is", "were", "are", "will", "would", "had", "did",
	"does", "do", "flatly", "firmly", "openly", "simply", "subsequently", "initially",
	"first", "repeatedly", "bluntly", "explicitly", "allegedly", "apparently", "now", "has",
	"already", "quickly", "immediately", "jokingly", "angrily", "calmly", "not", "never",
	"even", "too", "herself", "himself", "themselves", "itself", "personally", "today",
	"yesterday", "tonight", "finally", "instead", "long", "often", "frequently",
	"consistently", "always", "since", "both", "all", "herself", "also", "had", "privately", "meanwhile", "however", "still")

// timeWords may follow "on"/"in" in a time phrase between subject and verb
// ("The Kremlin on Wednesday said").
var timeWords = set("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"january", "february", "march", "april", "may", "june", "july", "august", "september",
	"october", "november", "december", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.",
	"sep.", "sept.", "oct.", "nov.", "dec.", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
	"sep", "sept", "oct", "nov", "dec", "the", "morning", "evening", "afternoon", "night",
	"weekend", "week", "day", "saturday's", "sunday's")

// subjectPronouns as the subject of a speech verb.
var subjectPronouns = set("he", "she", "they", "it", "we", "i")

// possessivePronouns for "in his opinion", "according to him".
var objectPronouns = map[string]string{"him": "he", "her": "she", "them": "they", "his": "he", "its": "it", "their": "they"}

// clauseStartPronouns begin a finite clause ("said it would ...").
var clauseStartPronouns = set("it", "he", "she", "they", "we", "i", "there", "you", "this", "these", "those")

// finiteMarkers show that words after a speech verb form a clause.
var finiteMarkers = set("is", "are", "was", "were", "will", "would", "can", "could", "may",
	"might", "must", "should", "shall", "has", "have", "had", "cannot", "can't", "won't",
	"wouldn't", "couldn't", "shouldn't", "isn't", "aren't", "wasn't", "weren't", "hasn't",
	"haven't", "hadn't", "does", "did", "doesn't", "didn't", "do", "don't", "’s", "'s",
	"won’t", "can’t", "isn’t", "wasn’t", "doesn’t", "didn’t", "don’t")

// firstPerson pronouns mark unmarked (first-person) speech.
var firstPerson = set("I", "we", "We", "our", "Our", "us", "my", "My", "me", "ours", "myself", "ourselves")

// determiners and quantifiers that start a noun phrase.
var indefinite = set("a", "an", "one", "two", "three", "several", "some", "many", "unnamed",
	"anonymous", "other", "another", "few", "multiple", "numerous")

// anonymousNouns head an unnamed source ("a Western official", "sources").
var anonymousNouns = set("official", "officials", "source", "sources", "diplomat", "diplomats",
	"person", "people", "aide", "aides", "insider", "insiders", "officer", "officers",
	"analyst", "analysts", "observer", "observers", "expert", "experts", "lawmaker",
	"lawmakers", "resident", "residents", "witness", "witnesses", "employee", "employees",
	"staffer", "staffers", "adviser", "advisers", "advisor", "advisors", "member", "members",
	"spokesperson", "spokesman", "spokeswoman", "representative", "representatives",
	"executive", "executives", "minister", "ministers", "commander", "commanders", "soldier",
	"soldiers", "negotiator", "negotiators", "envoy", "envoys", "agent", "agents", "critics",
	"protesters", "demonstrators", "scientists", "researchers", "doctors", "activists",
	"investigators", "rescuers", "supporters", "opponents", "economists", "campaigners",
	"villagers", "survivors", "locals", "voters", "farmers", "workers", "students", "parents",
	"teachers", "nurses", "worker", "woman", "man", "women", "men", "mother", "father",
	"neighbour", "neighbor", "driver", "passenger", "shopkeeper", "shopper", "user", "fan", "neighbours", "neighbors", "relatives", "friends", "colleagues", "shopkeepers",
	"traders", "merchants", "drivers", "passengers", "commuters", "fishermen", "pilots",
	"patients", "tourists", "visitors", "refugees", "migrants", "families", "owners",
	"citizens", "mothers", "fathers", "veterans", "pensioners", "retirees", "tenants")

// roleNouns are lower-case nouns that may make up a role ("Kremlin
// spokesperson", "the spokesman for the Russian leader").
var roleNouns = set("spokesman", "spokeswoman", "spokesperson", "spokespeople", "official",
	"officials", "minister", "president", "secretary", "chancellor", "leader", "head", "chief",
	"director", "chairman", "chairwoman", "chair", "adviser", "advisor", "aide", "diplomat",
	"envoy", "ambassador", "general", "commander", "governor", "mayor", "senator", "lawmaker",
	"source", "sources", "premier", "counterpart", "deputy", "representative", "negotiator",
	"analyst", "expert", "economist", "professor", "researcher", "founder", "owner", "ceo",
	"manager", "officer", "prosecutor", "judge", "lawyer", "attorney", "photographer",
	"journalist", "correspondent", "editor", "reporter", "volunteer", "resident", "witness",
	"coordinator", "commissioner", "monarch", "king", "queen", "prime", "foreign", "defense",
	"defence", "press", "state", "member", "people", "person", "employee", "staffer",
	"executive", "insider", "observer", "agent", "soldier", "veteran", "activist", "doctor",
	"nurse", "teacher", "student", "worker", "farmer", "mother", "father", "woman", "man",
	"candidate", "nominee", "speaker", "administrator", "regulator", "investigator", "coach",
	"manager", "sheriff", "pastor", "principal", "councillor", "councilor", "cfo", "coo")

// isRole: a role noun, or a hyphenated one ("secretary-general",
// "vice-president", "ex-minister", "president-elect").
func isRole(w string) bool {
	if roleNouns[w] {
		return true
	}
	i := strings.LastIndexByte(w, '-')
	if i <= 0 {
		return false
	}
	last := w[i+1:]
	if last == "elect" || last == "designate" {
		j := strings.IndexByte(w, '-')
		return roleNouns[w[:j]]
	}
	return roleNouns[last] && last != "man" && last != "woman" && last != "people" && last != "person"
}

// orgNouns head an organisation that speaks as a body.
var orgNouns = set("government", "ministry", "office", "agency", "army", "military", "police",
	"company", "committee", "council", "party", "court", "bank", "fund", "organization",
	"organisation", "union", "alliance", "forces", "department", "service", "institute",
	"university", "group", "firm", "administration", "cabinet", "parliament", "commission",
	"presidency", "embassy", "mission", "authorities", "authority", "kremlin", "newspaper",
	"outlet", "broadcaster", "channel", "website", "network", "board", "command", "navy",
	"coalition", "bloc", "federation", "association", "club", "team", "campaign", "regime",
	"junta", "secretariat", "directorate", "bureau", "inspectorate", "watchdog", "regulator",
	"prosecutors", "operator", "tribunal", "senate", "congress", "assembly", "movement",
	"airline", "carrier", "manufacturer", "retailer", "utility", "hospital", "school",
	"municipality", "county", "city", "insurer", "lender", "automaker", "startup",
	"corporation", "conglomerate", "charity", "foundation", "ngo", "labor", "labour",
	"studio", "publisher", "league", "federation", "railway", "operator", "exchange",
	"ministries", "governments", "companies", "banks", "unions", "parties", "corp", "corp.",
	"inc", "inc.", "ltd", "ltd.", "plc", "llc", "holdings")

// documentNouns head a document that "says" something ("the agreement states").
var documentNouns = set("agreement", "statement", "report", "draft", "document", "letter",
	"memo", "story", "article", "study", "survey", "plan", "proposal", "declaration",
	"communique", "communiqué", "resolution", "text", "decree", "law", "bill", "order",
	"filing", "complaint", "indictment", "ruling", "verdict", "post", "tweet", "message",
	"release", "paper", "analysis", "assessment", "poll", "model", "framework", "deal",
	"treaty", "charter", "transcript", "readout", "footage", "video", "broadcast")

// titleWords are capitalised words of a title that precede a name
// ("Czech President Petr Pavel", "U.S. Secretary of State Marco Rubio").
var titleWords = set("president", "prime", "minister", "secretary", "general", "chancellor",
	"spokesman", "spokeswoman", "spokesperson", "deputy", "foreign", "defense", "defence",
	"interior", "finance", "state", "press", "head", "chief", "director", "chairman",
	"chairwoman", "chair", "ceo", "congressman", "congresswoman", "senator", "sen.", "rep.",
	"representative", "governor", "gov.", "mayor", "ambassador", "envoy", "commissioner",
	"king", "queen", "prince", "princess", "pope", "sheikh", "emir", "judge", "justice",
	"attorney", "officer", "adviser", "advisor", "leader", "lawmaker", "mp", "mep",
	"commander", "gen.", "col.", "lt.", "maj.", "capt.", "sgt.", "adm.", "admiral", "colonel",
	"captain", "lieutenant", "sergeant", "marshal", "dr.", "mr.", "mrs.", "ms.", "prof.",
	"professor", "rev.", "reverend", "bishop", "archbishop", "cardinal", "rabbi", "imam",
	"vice", "first", "lady", "office", "presidential", "executive", "national", "security",
	"council", "house", "commission", "parliament", "speaker", "majority", "minority",
	"whip", "coordinator", "negotiator", "economist", "analyst", "founder", "co-founder",
	"cabinet", "ministry", "department", "agency", "intelligence", "acting", "interim",
	"former", "senior", "top", "supreme", "grand", "ayatollah", "premier", "mr", "mrs", "ms",
	"dr", "sir", "dame", "lord", "lady", "baroness", "sen", "rep", "gov", "gen", "col",
	"spokesperson", "affairs", "defense", "economy", "justice", "health", "education",
	"trade", "energy", "environment", "transport", "labour", "labor", "agriculture",
	"development", "relations", "staff", "joint", "chiefs", "armed", "forces", "army",
	"navy", "air", "force", "central", "committee", "board", "union", "european", "federal",
	"assistant", "associate", "undersecretary", "under-secretary", "permanent", "special",
	"high", "representative", "minister-president", "counsel", "solicitor", "auditor",
	"inspector", "superintendent", "detective", "constable", "chief-of-staff", "cosmonaut",
	"coach", "sheriff", "pastor", "trooper", "principal", "councilman", "councilwoman",
	"councillor", "councilor", "alderman", "assemblyman", "assemblywoman", "delegate", "cfo",
	"coo", "cto", "chef", "mayor-elect", "president-elect", "nominee", "candidate")

// femaleWords and maleWords give a speaker's gender from their role or
// title, so "she" is never resolved to a man.
var femaleWords = set("spokeswoman", "mrs", "mrs.", "ms", "ms.", "queen", "princess",
	"chairwoman", "congresswoman", "businesswoman", "dame", "lady", "baroness", "mother",
	"woman", "sister", "wife", "daughter", "grandmother")
var maleWords = set("spokesman", "mr", "mr.", "king", "prince", "chairman", "congressman",
	"businessman", "sir", "lord", "father", "man", "brother", "husband", "son", "grandfather")

// nameParticles may appear in lower case inside a name ("Ursula von der Leyen").
var nameParticles = set("von", "van", "der", "den", "de", "da", "di", "du", "del", "la", "le",
	"al", "bin", "ibn", "el", "dos", "das", "ter", "zu")

// functionWords are capitalised only because they begin a sentence.
var functionWords = set("the", "a", "an", "in", "on", "at", "of", "for", "from", "with", "by",
	"as", "after", "before", "when", "while", "if", "but", "and", "or", "so", "yet", "this",
	"that", "these", "those", "his", "her", "their", "our", "its", "my", "your", "there",
	"here", "however", "meanwhile", "since", "although", "though", "because", "during",
	"until", "despite", "amid", "over", "under", "into", "about", "according", "it", "he",
	"she", "they", "we", "i", "you", "some", "many", "most", "all", "both", "each", "every",
	"no", "not", "now", "then", "also", "still", "even", "only", "just", "why", "what", "how",
	"who", "where", "which", "last", "next", "earlier", "later", "today", "yesterday",
	"such", "other", "another", "any", "more", "less", "one", "two", "three", "first",
	"read", "show", "see", "watch", "more", "new", "breaking", "update", "updated", "live",
	"key", "related", "recommended", "explore", "editors", "news", "feed", "subscribe",
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "to",
	"do", "does", "did", "will", "would", "can", "could", "may", "might", "must", "should",
	"is", "are", "was", "were", "be", "has", "have", "had", "let", "let's", "yes", "hi",
	"dear", "thank", "thanks", "please", "sneak", "share", "contact", "enter", "skip",
	"images", "image", "photo", "video", "audio", "source", "via", "like", "unlike",
	"including", "without", "within", "across", "through", "against", "toward", "towards")

// knownOrgs are single names of places and bodies that speak as a body
// ("Moscow said", "the Kremlin said"): capitals, countries and common
// institutions and agencies of news writing.
var knownOrgs = set("kremlin", "pentagon", "whitehall", "elysee", "élysée", "vatican",
	"congress", "parliament", "senate", "knesset", "bundestag", "duma", "nato", "un", "eu",
	"moscow", "washington", "kyiv", "kiev", "beijing", "london", "paris", "berlin", "brussels",
	"tehran", "ankara", "warsaw", "tokyo", "seoul", "pyongyang", "delhi", "new delhi",
	"islamabad", "jerusalem", "damascus", "cairo", "riyadh", "doha", "minsk", "budapest",
	"rome", "madrid", "ottawa", "canberra", "taipei", "caracas", "havana", "baghdad", "kabul",
	"russia", "ukraine", "china", "india", "pakistan", "iran", "iraq", "israel", "syria",
	"turkey", "türkiye", "germany", "france", "italy", "spain", "poland", "japan", "britain",
	"canada", "australia", "egypt", "qatar", "belarus", "hungary", "lebanon", "jordan",
	"afghanistan", "taiwan", "venezuela", "cuba", "brazil", "mexico", "argentina", "nigeria",
	"ethiopia", "sudan", "yemen", "libya", "serbia", "kosovo", "georgia", "armenia",
	"azerbaijan", "kazakhstan", "lithuania", "latvia", "estonia", "finland", "sweden",
	"norway", "denmark", "netherlands", "belgium", "austria", "switzerland", "greece",
	"romania", "moldova", "slovakia", "czechia", "bulgaria", "croatia", "hamas", "hezbollah",
	"taliban", "reuters", "afp", "ap", "interfax", "tass", "ria", "bloomberg", "axios",
	"politico", "cnn", "bbc", "xinhua", "ukrinform", "telegraph", "guardian", "times",
	"u.s.", "us", "u.k.", "uk", "usa", "america", "europe", "unrwa", "who", "imf", "opec",
	"iaea", "osce", "g7", "g20", "asean", "brics", "ecb", "fed", "fbi", "cia", "nsa", "sbu",
	"fsb", "idf", "icc", "icj", "white house", "downing street", "state department",
	"foreign ministry", "defense ministry", "defence ministry", "european commission",
	"european union", "united nations", "united states", "united kingdom", "the hague")

// notPerson words mark a capitalised run as a place or thing, not a person.
var notPerson = set("palace", "hotel", "street", "square", "centre", "center", "university",
	"house", "hall", "bridge", "airport", "station", "river", "sea", "ocean", "mountains",
	"republic", "kingdom", "states", "union", "nations", "forces", "ministry", "council",
	"conference", "summit", "agreement", "treaty", "war", "front", "region", "oblast",
	"city", "county", "district", "province", "island", "islands", "news", "times", "post",
	"journal", "telegraph", "guardian", "independent", "agency", "party", "committee",
	"commission", "court", "bank", "fund", "group", "company", "institute", "organization",
	"organisation", "alliance", "army", "navy", "force", "office", "department", "service",
	"government", "parliament", "assembly", "senate", "congress", "council", "feed",
	"images", "day", "week", "monday", "tuesday", "wednesday", "thursday", "friday",
	"saturday", "sunday", "january", "february", "march", "april", "june", "july",
	"august", "september", "october", "november", "december", "network", "channel",
	"magazine", "review", "herald", "tribune", "gazette", "daily", "weekly", "radio", "tv",
	"television", "press", "media", "club", "foundation", "association", "federation",
	"museum", "stadium", "park", "road", "avenue", "church", "cathedral", "mosque",
	"hospital", "school", "college", "academy", "prize", "award", "cup", "games", "league",
	"corp", "corp.", "inc", "inc.", "ltd", "ltd.", "plc", "llc", "co.", "group", "holdings",
	"dam", "lake", "valley", "canal", "harbour", "harbor", "gulf", "strait", "peninsula",
	"reservoir", "basin", "coast", "plaza", "mall", "airbase", "pipeline", "motorway", "highway")

// isTitleWord reports whether a capitalised word is part of a title.
func isTitleWord(w string) bool {
	return inLower(titleWords, w)
}
