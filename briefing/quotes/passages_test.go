package quotes

import (
	"testing"
)

// passageTests are short news passages written for these tests (fictional
// people and outlets, wire style), each mixing several ways of attributing
// speech, with traps where the right answer is "no speaker". Every quote
// the extractor emits must be listed: a wrong speaker or an extra quote
// fails as surely as a missing one.
var passageTests = []extractTest{
	{"dateline, apposition, pronoun chain of two genders", "TROMSØ, Norway — Fishing crews in the north will lose a third of their cod quota next year, the fisheries directorate said on Thursday.\n\n" +
		"\"This is the hardest cut we have made in two decades,\" said Ingrid Solvang, the directorate's chief scientist. \"The stock simply has not recovered.\"\n\n" +
		"Arne Pettersen, who leads the coastal fishermen's association, called the decision \"a death sentence for small harbours.\" He said his members would sail to the capital next week.\n\n" +
		"\"We will bring every boat we have,\" he said.\n\n" +
		"Solvang rejected the criticism. \"Nobody enjoys cutting the quota of a small harbour,\" she said.",
		[]wantQuote{
			{"indirect", "fisheries directorate", "Fishing crews in the north will lose a third of their cod quota next year"},
			{"direct", "Ingrid Solvang", "This is the hardest cut we have made in two decades"},
			{"direct", "Ingrid Solvang", "The stock simply has not recovered"},
			{"partial", "Arne Pettersen", "a death sentence for small harbours"},
			{"indirect", "Arne Pettersen", "his members would sail to the capital next week"},
			{"direct", "Arne Pettersen", "We will bring every boat we have"},
			{"direct", "Ingrid Solvang", "Nobody enjoys cutting the quota of a small harbour"},
		}},
	{"according to, X of the Y, anonymous officials, colon", "Electricity prices in the region could double by winter, according to the Lindqvist Energy Institute.\n\n" +
		"\"Households that heat with electricity will feel this first,\" said Marta Kowalczyk of the Lindqvist Energy Institute, who led the study.\n\n" +
		"Peter Lindahl of Nordic Grid Analytics warned that prices could stay high for years.\n\n" +
		"Two officials at the energy ministry, speaking on condition of anonymity because they were not authorised to discuss the matter, said the government was preparing a price cap.\n\n" +
		"In a statement, the ministry said: \"We are studying the report carefully and will respond in due course.\"",
		[]wantQuote{
			{"indirect", "Lindqvist Energy Institute", "Electricity prices in the region could double by winter"},
			{"direct", "Marta Kowalczyk", "Households that heat with electricity will feel this first"},
			{"indirect", "Peter Lindahl", "prices could stay high for years"},
			{"indirect", "anonymous", "the government was preparing a price cap"},
			{"direct", "ministry", "We are studying the report carefully and will respond in due course"},
		}},
	{"title, hyphenated name, multi-paragraph quote", "Dr. Amara Osei-Bonsu, who runs the only cardiac unit in the province, said the hospital had run out of two key drugs.\n\n" +
		"\"We are rationing what we have left,\" she said. \"Every morning we decide which patients get the medicine and which wait.\n\n" +
		"\"Nobody trained us for this. We are doctors, not accountants.\"\n\n" +
		"The health department did not respond to a request for comment.",
		[]wantQuote{
			{"indirect", "Amara Osei-Bonsu", "the hospital had run out of two key drugs"},
			{"direct", "Amara Osei-Bonsu", "We are rationing what we have left"},
			{"direct", "Amara Osei-Bonsu", "Every morning we decide which patients get the medicine and which wait"},
			{"direct", "Amara Osei-Bonsu", "Nobody trained us for this. We are doctors, not accountants"},
		}},
	{"name particles, headline says, general, wrote on X", "Border crossings to stay shut through holiday, van der Berg says\n\n" +
		"The country's border crossings will stay closed through the holiday weekend, Interior Minister Pieter van der Berg said on Friday.\n\n" +
		"\"We cannot open the gates while the smugglers are still testing them,\" van der Berg told a news conference in the capital.\n\n" +
		"Gen. Yusuf al-Rashid, who commands the border guard, wrote on X that his units had stopped 40 vehicles since Tuesday. \"Our soldiers have not slept in three days,\" he wrote.",
		[]wantQuote{
			{"indirect", "Pieter van der Berg", "Border crossings to stay shut through holiday"},
			{"indirect", "Pieter van der Berg", "The country's border crossings will stay closed through the holiday weekend"},
			{"direct", "Pieter van der Berg", "We cannot open the gates while the smugglers are still testing them"},
			{"indirect", "Yusuf al-Rashid", "his units had stopped 40 vehicles since Tuesday"},
			{"direct", "Yusuf al-Rashid", "Our soldiers have not slept in three days"},
		}},
	{"company as a body, passive report, shop steward", "Nordvik Shipping will cut 1,200 jobs and close its Bergen yard, the company said on Wednesday.\n\n" +
		"In a statement, Nordvik said the cuts were \"painful but necessary to secure the future of the group.\"\n\n" +
		"The decision was first reported by the Coastal Herald, which cited two people familiar with the plans.\n\n" +
		"Union officials said they had not been consulted. \"We found out from the newspaper like everyone else,\" said Kari Lunde, a shop steward at the yard.",
		[]wantQuote{
			{"indirect", "company", "Nordvik Shipping will cut 1,200 jobs and close its Bergen yard"},
			{"partial", "Nordvik", "painful but necessary to secure the future of the group"},
			{"indirect", "anonymous", "they had not been consulted"},
			{"direct", "Kari Lunde", "We found out from the newspaper like everyone else"},
		}},
	{"person briefed, two men then he", "Talks between the two rail operators broke down late on Tuesday, a person briefed on the negotiations said.\n\n" +
		"Lars Eriksen, the chief executive of Nordbane, and Henrik Dahl, his counterpart at Vestrail, left the building separately. \"There is nothing more to say tonight,\" he told waiting reporters.\n\n" +
		"A Vestrail spokeswoman declined to comment.",
		[]wantQuote{
			{"indirect", "anonymous", "Talks between the two rail operators broke down late on Tuesday"},
			{"direct", "", "There is nothing more to say tonight"},
		}},
	{"quote inside quote, responded on X with colon", "Opposition leader Sofia Marchetti posted a video on Sunday night. \"When the minister says 'the budget is balanced', he means the hospitals will pay for it,\" Marchetti said in the video.\n\n" +
		"Economy Minister Luca Ferraro responded on X: \"Ms. Marchetti knows the numbers. She simply does not like them.\"",
		[]wantQuote{
			{"direct", "Sofia Marchetti", "When the minister says 'the budget is balanced', he means the hospitals will pay for it"},
			{"direct", "Luca Ferraro", "Ms. Marchetti knows the numbers. She simply does not like them"},
		}},
	{"headline role noun, deputy apposition, nearest speaker", "Water rationing to begin in Port Elin next month, mayor says\n\n" +
		"Water rationing will begin in Port Elin on June 1, Mayor Daniel Okafor said on Monday.\n\n" +
		"Okafor said reservoir levels had fallen to 31 percent. His deputy, Thomas Reyes, said the city would truck water to the hill districts.\n\n" +
		"\"We are asking people to take short showers and to stop washing their cars,\" he said.",
		[]wantQuote{
			{"indirect", "Daniel Okafor", "Water rationing to begin in Port Elin next month"},
			{"indirect", "Daniel Okafor", "Water rationing will begin in Port Elin on June 1"},
			{"indirect", "Daniel Okafor", "reservoir levels had fallen to 31 percent"},
			{"indirect", "Thomas Reyes", "the city would truck water to the hill districts"},
			{"direct", "Thomas Reyes", "We are asking people to take short showers and to stop washing their cars"},
		}},
	{"traps: banners, titles, signs", "Protesters outside parliament carried banners reading \"Hands off our pensions now\" and \"No cuts without a vote first\".\n\n" +
		"The documentary \"The Last Days of the Harbour\" won the main prize at the festival on Saturday.\n\n" +
		"A sign on the clinic door read \"Closed until further notice for repairs\".\n\n" +
		"The mayor's office has promised a statement on the closures later this week.",
		nil},
	{"headline colon quote", "Vance: \"We will not sign a deal that sells out our farmers\"\n\n" +
		"Trade Secretary Olivia Vance said on Tuesday that the government would walk away from the talks rather than accept lower tariffs on beef.\n\n" +
		"\"We will not sign a deal that sells out our farmers,\" Vance told the farmers' union conference in Harrogate.",
		[]wantQuote{
			{"direct", "Olivia Vance", "We will not sign a deal that sells out our farmers"},
			{"indirect", "Olivia Vance", "the government would walk away from the talks rather than accept lower tariffs on beef"},
			{"direct", "Olivia Vance", "We will not sign a deal that sells out our farmers"},
		}},
	{"label colon is not a speaker", "Exclusive: \"The files were never meant to leave the building\"\n\n" +
		"The documents seen by the Harbour Ledger describe three meetings in 2024.",
		nil},
	{"role noun among two officials", "Kremlin spokesman Dmitri Orlov said on Monday that Moscow had not received the proposal. Foreign Minister Sergei Lavin said on the same day that Russia was \"open to any serious offer.\"\n\n" +
		"\"We have seen only what was printed in the newspapers,\" the spokesman told reporters.",
		[]wantQuote{
			{"indirect", "Dmitri Orlov", "Moscow had not received the proposal"},
			{"partial", "Sergei Lavin", "open to any serious offer"},
			{"direct", "Dmitri Orlov", "We have seen only what was printed in the newspapers"},
		}},
	{"organisation, but warned, role then title and name", "The World Health Organization said the outbreak in the eastern provinces was slowing, but warned that vaccine stocks would run out by March.\n\n" +
		"The WHO's regional director, Dr. Kwame Mensah, said in Geneva: \"We are not out of the woods. The next six weeks will decide whether this becomes endemic.\"",
		[]wantQuote{
			{"indirect", "World Health Organization", "the outbreak in the eastern provinces was slowing"},
			{"indirect", "World Health Organization", "vaccine stocks would run out by March"},
			{"direct", "Kwame Mensah", "We are not out of the woods. The next six weeks will decide whether this becomes endemic"},
		}},
	{"anonymous told outlet, replied with colon, diacritics", "Three senior officials told the Baltic Courier that the ministers would meet in Vilnius on Friday.\n\n" +
		"Lithuanian President Rasa Naujokaitė has said little in public about the plan. Asked about it on Thursday, she replied: \"Everything is on the table, and nothing is decided.\"\n\n" +
		"Her predecessor, Algirdas Brazauskas, said in an interview that the plan \"would never survive a vote in the Seimas.\"",
		[]wantQuote{
			{"indirect", "anonymous", "the ministers would meet in Vilnius on Friday"},
			{"direct", "Rasa Naujokaitė", "Everything is on the table, and nothing is decided"},
			{"partial", "Algirdas Brazauskas", "would never survive a vote in the Seimas"},
		}},
	{"trailing according to, passive quoted as saying, outlet wrote", "The central bank will raise interest rates again in April, according to two people with knowledge of the decision.\n\n" +
		"Governor Helen Achterberg was quoted by the Financial Ledger as saying that inflation \"has not yet been tamed.\"\n\n" +
		"The Financial Ledger wrote in an editorial that the bank had \"lost the trust of ordinary savers.\"",
		[]wantQuote{
			{"indirect", "anonymous", "The central bank will raise interest rates again in April"},
			{"partial", "Helen Achterberg", "has not yet been tamed"},
			{"partial", "Financial Ledger", "lost the trust of ordinary savers"},
		}},
	{"quote-only paragraph continues the last speaker", "Chess champion Anya Petrova and her coach, Miguel Ortega, spoke after the final round.\n\n" +
		"\"I played the worst game of my life and still won the title,\" Petrova said.\n\n" +
		"\"She was exhausted, but she never stopped fighting for the draw,\" Ortega said.\n\n" +
		"\"That is why she is the champion.\"",
		[]wantQuote{
			{"direct", "Anya Petrova", "I played the worst game of my life and still won the title"},
			{"direct", "Miguel Ortega", "She was exhausted, but she never stopped fighting for the draw"},
			{"direct", "Miguel Ortega", "That is why she is the champion"},
		}},
	{"non-English names, age apposition, promised a quoted object", "\"The school has no heating and no glass in half the windows,\" said Nguyễn Thị Lan, 41, a teacher in the district.\n\n" +
		"Jean-Marc Dubois, the regional prefect, promised repairs \"before the first frost of the winter.\"",
		[]wantQuote{
			{"direct", "Nguyễn Thị Lan", "The school has no heating and no glass in half the windows"},
			{"partial", "Jean-Marc Dubois", "before the first frost of the winter"},
		}},
	{"place after a preposition is not a speaker", "Farmers around Kessa said they had started to ration water for their greenhouses.\n\n" +
		"Shopkeepers near Lindholm station said trade had fallen by half since the strike began.",
		[]wantQuote{
			{"indirect", "anonymous", "they had started to ration water for their greenhouses"},
			{"indirect", "anonymous", "trade had fallen by half since the strike began"},
		}},
	{"X of the Institute then she", "Ruth Okonjo of the Calder Institute warned that the deal was fragile. \"A gate that opens by decree can close by decree,\" she said.\n\n" +
		"The commission's secretary-general, Anders Pyke, said the talks would resume on March 12.",
		[]wantQuote{
			{"indirect", "Ruth Okonjo", "the deal was fragile"},
			{"direct", "Ruth Okonjo", "A gate that opens by decree can close by decree"},
			{"indirect", "Anders Pyke", "the talks would resume on March 12"},
		}},
	{"but said and second speaker in clause", "Prime Minister Helena Vask welcomed the move but said it was \"half a river, for half a month.\"\n\n" +
		"The minister said the bill was not a reaction to the dispute, but she acknowledged that the low water had changed the debate.",
		[]wantQuote{
			{"partial", "Helena Vask", "half a river, for half a month"},
			{"indirect", "Helena Vask", "the bill was not a reaction to the dispute"},
			{"indirect", "Helena Vask", "the low water had changed the debate"},
		}},
	{"unclosed apposition after the quote", "\"The first flight did the whole job with one rocket,\" Halvorsen, a member of the original crew, replied.",
		[]wantQuote{{"direct", "Halvorsen", "The first flight did the whole job with one rocket"}}},
	{"she after a man the paragraph does not name", "Her son, filmmaker Tomas Reyes, remembers the year well. \"It was a hard year for all of us,\" he said.\n\n" +
		"The actress was not looking for a change. \"I had been somebody who really liked music,\" she said.",
		[]wantQuote{
			{"direct", "", "It was a hard year for all of us"},
			{"direct", "", "I had been somebody who really liked music"},
		}},
	{"the speaker before according to keeps the quote", "Lind said the plan was \"dead on arrival in the senate\", according to the Port Gazette.\n\n" +
		"Neumann can still steer the board, according to a new Harbour Business report.",
		[]wantQuote{
			{"partial", "Lind", "dead on arrival in the senate"},
			{"indirect", "Harbour Business", "Neumann can still steer the board"},
		}},
	{"two appositions before the verb", "Omar Castell, a senior analyst at Northwind, the Oslo-based research group, told the Ledger that the ceasefire was \"fragile but holding in most places.\"",
		[]wantQuote{{"partial", "Omar Castell", "fragile but holding in most places"}}},
	{"an organisation inside an apposition is not the speaker", "Jeff Sandor, president of Chapter & Verse, a Spokane advertising agency, said he thought the campaign was meant to raise eyebrows.",
		nil},
	{"inverted name then a possessive role", "No rain has fallen at the Napa station since mid-September, said Scott Strand, PG&E's principal meteorologist.\n\n" +
		"The northern Sierra Nevada has seen a fraction of an inch of rain in two months, he said.",
		[]wantQuote{
			{"indirect", "Scott Strand", "No rain has fallen at the Napa station since mid-September"},
			{"indirect", "Scott Strand", "The northern Sierra Nevada has seen a fraction of an inch of rain in two months"},
		}},
	{"he after a clause that names another man", "\"We pray for the full recovery of both men,\" said Press Secretary Dana Lee.\n\n" +
		"When Prime Minister Karl Weber first announced the exchange last week, he said Kabul had ensured that the prisoners would not return to the front.\n\n" +
		"He also said he hoped the swap would lead to direct talks.",
		[]wantQuote{{"direct", "Dana Lee", "We pray for the full recovery of both men"}}},
	{"but before an apposed subject", "The president wants to withdraw, but General Mark Mills, chairman of the joint staff, told reporters that the troops would stay \"for several more years to come.\"",
		[]wantQuote{{"partial", "Mark Mills", "for several more years to come"}}},
}

func TestPassages(t *testing.T) { runExtractTests(t, passageTests) }
