package democorpus

// English skeletons and sentence pools. Every text here was written for this
// project.

// skeleton is one way to write a kind of story: title templates and a
// function that writes the body.
type skeleton struct {
	titles []tmpl
	body   func(d *doc)
}

// skeletonFor picks the skeleton for a story.
func skeletonFor(d *doc) *skeleton {
	list := enSkeletons[d.st.kind]
	if d.st.zh {
		list = zhSkeletons[d.st.kind]
	}
	return &list[d.r.IntN(len(list))]
}

var (
	enAttend = compileAll(
		"{off1}, and {off2}, attended the [ceremony|event][ and witnessed the signing|].",
		"The [ceremony|event] was attended by {off1}, who [delivered a speech|addressed the signing parties].",
	)
	enSpeech = compileAll(
		"\"[?multi:These projects|The project] [?multi:[feature advanced technology and strong driving effects|are closely linked to our industrial chains]|[features advanced technology and strong driving effects|is closely linked to our industrial chains]], and will [inject new momentum into {city}'s high-quality development|help {city} build a modern industrial system],\" said {off1}. [The city will|{city} will] provide [full-cycle services|all-round support] to ensure [?multi:the projects|the project] [start[!multi:s] construction and go[!multi:es] into operation as soon as possible|break[!multi:s] ground and deliver[!multi:s] results quickly].",
		"{off1}, said attracting investment [remains the lifeline of the local economy|is the key to high-quality development], and pledged to [further improve the business environment|cut red tape for investors] so that companies can \"[invest with confidence and develop with peace of mind|settle down and grow]\".",
		"\"We chose {city} because of its [complete industrial supporting facilities and efficient government services|solid industrial base and excellent business environment],\" said {exec}. [The company plans to start construction within the year|The company aims to put the project into operation next year].",
		"{exec}, said the company [was impressed by|values] {city}'s [efficient services|industrial ecosystem and talent pool], and [will speed up construction|expects the project to become a benchmark in the industry].",
	)
	enBackground = compileAll(
		"In recent years, {zone} has focused on [leading industries such as|its leading industries of] {slogan}, [attracting investment along industrial chains|promoting investment through existing businesses and industrial chains]. In {lastYear}, [the zone|it] signed {lastN} projects with a total investment of {lastTotal}.",
		"As [a main engine of {city}'s economy|the city's main window of opening-up], {zone} [focuses on|is building clusters in] {slogan}[, and has been named a provincial-level characteristic industrial base|].",
		"{city} has made investment attraction its \"No. 1 project\", [targeting industrial chains in|with a focus on] {slogan}. Last year it [introduced|landed] {lastN} major projects with a combined investment of {lastTotal}.",
	)
	enStats = compileAll(
		"In {lastYear}, {city} [saw its gross domestic product (GDP) reach|recorded a GDP of] {gdp}, up {gdpGrowth} year on year, while [the output value of its industrial enterprises above designated size|its industrial output] [stood at|reached] {indOutput}.",
		"{city}'s GDP [hit|reached] {gdp} in {lastYear}[!muni:[, ranking among the top in the province|]], and its foreign trade [totaled|came to] {exports}.",
		"[At present, {zoneShort}|{ZoneShort}] is home to [hundreds of|more than 1,000] companies, which [generated an industrial output of|recorded output value of] {zoneOutput} in {lastYear}[, with imports and exports of {zoneExports}|].",
	)
	enClosing = compileAll(
		"[Going forward|Next], {zone} will [continue to optimize its business environment|further streamline approvals] and [step up efforts to attract investment|push signed projects to land as soon as possible].",
		"{ZoneShort} has set up a [special task force|dedicated service team] for each signed project to [follow up on approvals, land and utilities|ensure early construction and early production].",
	)
	enProjects = compileAll(
		"[Among them, |Among the signed projects, |]{co}, {coDesc}, [plans to|will] invest[?amt: {amt}] in {aProdFull}[?cap: with a capacity of {cap}]. [Once in full operation|When completed], it is expected to [generate annual output value of|have annual output of] {output} and pay {tax} in taxes a year.",
		"[?adj:{coShort}'s {amtAdj} {prodFull} will|{coShort}'s {prodFull}[?amt:, worth {amt},] will] [be built in|settle in] {zone}[?phase:, with the first phase costing {phase}], [creating|and is expected to create] {jobs} jobs.",
		"{co} [signed an agreement|inked a deal] to build {aProdFull}[?amt: with a total investment of {amt}], [filling a gap in the province's industrial chain|strengthening {city}'s industrial chain].",
		"{coShort}[?home:, based in {coHome},] has [long specialized in|focused for years on] {field}. Its {prodFull}[?amt: will involve an investment of {amt} and] is [scheduled to [?mfg:go into production|open] in {nextYear}|expected to break ground within the year].",
		"[Furthermore|In addition], {coDesc}, {coShort}, made a new investment[?amt: of {amt}] in {zone} in {aProdFull} covering about {area} mu of land.",
	)
)

var enSkeletons = [numKinds][]skeleton{
	kSigning: {{
		titles: compileAll(
			"{zone} inks {n} investment projects[?total: worth {total}]",
			"{n} projects[?total: worth {total}] signed in {city}",
			"{city} signs {n} key projects[?total: with total investment of {total}]",
			"{region} {city} sees {n} projects signed[?total: worth {total}]",
		),
		body: enSigning,
	}, {
		titles: compileAll(
			"Xinhua Silk Road: {region} {city} sees {n} projects signed at {ordinal} {city} Development Summit",
			"{city} inks {n} projects[?total: involving {total}] at development summit",
		),
		body: enSummit,
	}},
	kPromotion: {{
		titles: compileAll(
			"{city} signs {n} deals[?total: worth {total}] at {venue} promotion event",
			"{city} woos {venue} investors, inks {n} projects",
			"{year} {city} ({venue}) investment promotion conference [held|concludes][?total:, deals worth {total} signed]",
		),
		body: enPromotion,
	}, {
		titles: compileAll(
			"{city} delegation courts investors in {venue}, signs {n} deals",
			"{city} officials visit {venue} to attract investment[?total:, sign deals worth {total}]",
		),
		body: enPromotionTrip,
	}},
	kSingle: {{
		titles: compileAll(
			"[?home:{coHome}-based {coShort}|{coShort}] to build {prodFull} in {city}",
			"[?amt:{amt} |]{prod} project lands in {zone}",
			"{coShort} to invest[?amt: {amt}] in {city} {prodFull}",
			"{city} lands {prodFull}[?amt: worth {amt}]",
		),
		body: enSingle,
	}},
	kGroundbreak: {{
		titles: compileAll(
			"Construction starts on {n} major projects in {city}",
			"{city} breaks ground on {n} projects[?total: worth {total}]",
			"{zone} kicks off {n} projects[?total: with {total} investment]",
		),
		body: enGroundbreak,
	}},
	kSummary: {{
		titles: compileAll(
			"{zone} signs {n} projects {period}",
			"{city} lands {nBig} projects of over 100 million yuan {period}",
			"Investment attraction [gathers pace|accelerates] in {county}",
		),
		body: enSummary,
	}},
	kTradeWeek: {{
		titles: compileAll(
			"{provShort} inks {n} projects[?total: worth {total}] at {venue} trade week",
			"{provShort}-{venueRegion} Economic and Trade Week opens in {venue}",
			"{provShort} delegation signs {n} deals in {venue}",
		),
		body: enTradeWeek,
	}},
	kListed: {{
		titles: compileAll(
			"{coShort} to invest {amt} in {prod} project in {city}",
			"{coShort} signs investment agreement with {city} government",
			"{coShort} plans {prodFull} in {provShort}[?amt:, budgets {amt}]",
		),
		body: enListed,
	}},
	kForeign: {{
		titles: compileAll(
			"{coCountry} company to invest {amt} in {city}",
			"{coShort} to build {prod} plant in {zone}",
			"Foreign-funded {prod} project worth {amt} lands in {city}",
		),
		body: enForeign,
	}},
	kProgress: {{
		titles: compileAll(
			"{prodFull} in {city} [?mfg:[tops out|starts production|rolls out first products]|[tops out|opens|completes first phase]]",
			"{coShort}'s {prod} project in {zone} [nears completion|[?mfg:enters equipment installation|nears opening]]",
		),
		body: enProgress,
	}},
	kNoPlace: {{
		titles: compileAll(
			"{coShort} plans[?amt: {amt}] {prod} expansion, site undecided",
			"{coShort} to build new {prodFull}[?amt: worth {amt}]",
		),
		body: enNoPlace,
	}},
	kRural: {{
		titles: compileAll(
			"{prod} brings new income to villagers in {county}",
			"Village in {county} bets on {prod}",
		),
		body: enRural,
	}},
}

// enDateline opens a wire story: LIAOCHENG, China, March 30, 2023
// /PRNewswire/ -- .
func enDateline(d *doc) {
	switch d.st.source.name {
	case "PRNewswire":
		d.emit(sDateline)
		d.b = append(d.b, ", China, "...)
		d.emit(sPubDate)
		d.b = append(d.b, " /PRNewswire/ -- "...)
	case "Xinhua":
		d.emit(sDateline)
		d.b = append(d.b, ", "...)
		d.b = append(d.b, monthsEn[d.st.pub.Month()-1]...)
		d.b = append(d.b, ' ')
		d.num(d.st.pub.Day())
		d.b = append(d.b, " (Xinhua) -- "...)
	}
}

func enProjectsPara(d *doc) {
	sep := " "
	if d.r.IntN(2) == 0 {
		sep = "\n\n"
	}
	d.sayEach(d.st.projs, enProjects, sep)
}

var (
	enSigningLead = compileAll(
		"{n} projects[?total: involving a total investment of {total}] were signed at [a ceremony|an investment signing ceremony] held on {evtDate} in {zoneIn}.",
		"{zone} [inked|signed] {n} investment projects on {evtDate}[?total:, involving {total} in total investment]. The projects cover {sectorList}[, with {nBig} of them worth more than 100 million yuan each|].",
		"A signing ceremony for key projects was held in {zone} on {evtDate}, [where|at which] {n} projects[?total: worth {total}] were signed, covering {sectorList}.",
	)
	enSigningAway = compileAll(
		"{zone} signed {n} projects[?total: with a total investment of {total}] at a ceremony held in {venue} on {evtDate}. The projects cover {sectorList}.",
		"A cloud signing ceremony for {city}'s key projects was held on {evtDate}, with its main venue in {venue}. [A total of|In all,] {n} projects were signed[?total:, involving {total}].",
	)
)

func enSigning(d *doc) {
	enDateline(d)
	if d.st.venue != nil {
		d.say(enSigningAway)
	} else {
		d.say(enSigningLead)
	}
	d.para()
	d.say(enAttend)
	d.para()
	enProjectsPara(d)
	d.para()
	d.say(enSpeech)
	d.para()
	d.say(enBackground)
	d.para()
	d.say(enStats)
	if d.r.IntN(2) == 0 {
		d.para()
		d.say(enClosing)
	}
}

var (
	enPromotionLead = compileAll(
		"{cityIn}, held an investment promotion conference in {venue} on {evtDate}, [signing|where it signed] {n} projects[?total: worth {total}]. The projects cover {sectorList}.",
		"At the signing ceremony of the {year} key investment promotion projects of {city} ({venue}), held in {venue} on {evtDate}, {n} projects were signed[?total:, involving a total investment of {total}].",
	)
	enPromotionMid = compileAll(
		"The event, hosted by the {city} government, aimed to [deepen cooperation with|attract industries relocating from] the {venueRegionFull}. {off1}, introduced {city}'s [location advantages and industrial base|business environment] and invited {venue} entrepreneurs to invest in the city.",
		"At the conference, {off1}, [briefed investors on|introduced to investors] the development of {slogan} in {city}, promising [the best policies and services|\"nanny-style\" services] for companies that settle there.",
	)
)

func enPromotion(d *doc) {
	enDateline(d)
	d.say(enPromotionLead)
	d.para()
	d.say(enPromotionMid)
	d.para()
	enProjectsPara(d)
	d.para()
	d.say(enBackground)
	if d.r.IntN(2) == 0 {
		d.para()
		d.say(enStats)
	}
}

var (
	enSingleLead = compileAll(
		"[The|A] {prodFull} invested by {co} was signed and settled in {zone} on {evtDate}[?amt:. The project involves a total investment of {amt}][?phase:, with the first phase costing {phase}].",
		"{co}, {coDesc}, [signed an agreement|inked a deal] with {zone} on {evtDate} to build {aProdFull}[?amt: with a total investment of {amt}].",
		"[?adj:{coShort}'s {amtAdj} {prodFull} has landed in {zoneIn}.|{coShort} will build {aProdFull} in {zoneIn}[?amt:, investing {amt}].]",
	)
	enSingleDetail = compileAll(
		"Located in {zone}, the project [covers|will occupy] about {area} mu of land and [will include|includes] [?mfg:production plants, an R&D center|its main buildings] and supporting facilities. [?cap:It will have a capacity of {cap}. ]Once in full operation, it is expected to [?mfg:generate annual output value of|bring in annual revenue of] {output} and pay {tax} in taxes a year, creating {jobs} jobs.",
		"The project will be built in two phases, with the first phase [to be completed within {months} months|scheduled for completion in {nextYear}]. When fully operational it [should|is expected to] [bring in annual sales revenue of|generate annual revenue of] {output}.",
	)
	enCompany = compileAll(
		"Founded in {founded}, {coShort} is a [?mfg:high-tech company|company] [specializing in|focused on] {field}[?home:, headquartered in {coHome}]. Its revenue [reached|was] {revenue} in {lastYear}.",
		"{co} is a national-level \"little giant\" [firm|enterprise] [in|specializing in] {field}, with [more than 100 patents|over a hundred patents]. It [reported|recorded] revenue of {revenue} last year.",
	)
)

func enSingle(d *doc) {
	enDateline(d)
	d.cur = d.st.projs[0]
	d.say(enSingleLead)
	d.para()
	d.say(enSingleDetail)
	d.para()
	d.say(enCompany)
	d.para()
	d.say(enSpeech)
	d.para()
	d.say(enBackground)
	if d.r.IntN(2) == 0 {
		d.para()
		d.say(enStats)
	}
}

var (
	enGroundLead = compileAll(
		"Construction started on {n} major projects in {cityIn} on {evtDate}[?total:, with a total investment of {total} and planned investment of {annual} this year]. The main venue was in {zone}.",
		"{zone} broke ground on {n} key projects on {evtDate}[?total:, involving a total investment of {total}], {nBig} of which are worth more than 100 million yuan each.",
	)
	enGroundProject = compileAll(
		"{co}'s {prodFull}[?amt:, with an investment of {amt},] is scheduled to be completed within {months} months.",
		"[Among them, the|The] {prodFull} of {coShort}[?amt: (investment: {amtP})] [?cap:will have a capacity of {cap} after completion|is expected to create {jobs} jobs].",
		"{coShort}, {coDesc}, started building its {prodFull}[?amt:, worth {amt},] on the same day and expects to put it into operation in {nextYear}.",
	)
)

func enGroundbreak(d *doc) {
	enDateline(d)
	d.say(enGroundLead)
	d.para()
	d.sayEach(d.st.projs, enGroundProject, " ")
	d.para()
	d.say(enSpeech)
	d.para()
	d.say(enStats)
	d.para()
	d.say(enClosing)
}

var (
	enSummaryLead = compileAll(
		"{zone} signed {n} projects {period}[?total:, with a total investment of {total}, up {growth} year on year], including {nBig} projects worth more than 100 million yuan each.",
		"[Investment attraction in {countyOf} has gathered pace|{countyOf} has stepped up its efforts to attract investment]: {period} it signed {n} projects[?total: with a combined investment of {total}][?total:, of which {paid} has been received|].",
	)
	enSummaryProject = compileAll(
		"{co}'s {prodFull}[?amt: ({amtP})] has started construction.",
		"The {prodFull} of {coShort}, {coDesc},[?amt: worth {amt},] has obtained land.",
		"[Another highlight is|Also signed was] {aProdFull}[?amt: of {amt}] by {coShort}.",
	)
)

func enSummary(d *doc) {
	enDateline(d)
	d.say(enSummaryLead)
	d.para()
	d.sayEach(d.st.projs, enSummaryProject, " ")
	d.para()
	d.say(enBackground)
	d.para()
	d.say(enStats)
	d.para()
	d.say(enClosing)
}

var (
	enTradeLead = compileAll(
		"The {year} {provShort}-{venueRegion} Economic and Trade Cooperation Week opened in {venue} on {evtDate}. According to {provDept}, {n} projects were signed[?total: with a total investment of {total}], covering {sectorList}.",
		"{provShort} held its {ordinal} investment promotion conference in {venue} on {evtDate}, signing {n} projects[?total: worth {total}]. {offProv}, attended the event.",
	)
	enTradeProject = compileAll(
		"In {pcountyOf}, {co} will build {aProdFull}[?amt: with a total investment of {amt}].",
		"[Also signed was|Another deal was] {coShort}'s {prodFull} in {pcity}[?amt:, worth {amt}].",
		"{pcity} signed {aProdFull}[?amt: worth {amt}] with {coShort}, {coDesc}.",
	)
	enTradeBack = compileAll(
		"At the previous session, {lastN} projects were signed with a total investment of {lastTotal}, and {rate} of them have started construction.",
		"{provDept} said {rate} of the projects signed at the previous session [have been implemented|have received funding], and many are already in production.",
	)
)

func enTradeWeek(d *doc) {
	enDateline(d)
	d.say(enTradeLead)
	d.para()
	d.sayEach(d.st.projs, enTradeProject, " ")
	d.para()
	d.say(enTradeBack)
	d.para()
	d.say(enTradeMid)
}

var enTradeMid = compileAll(
	"Speaking at the event, {offProv}, said {provShort} [welcomes|is ready to welcome] investors from the {venueRegionFull} and will [offer them the best services|treat their projects as its own].",
	"{provShort} has [organized|sent] [delegations|investment teams] from its cities and development zones to the {venueRegionFull} [every year|regularly], [turning exhibitors into investors|seeking projects along the industrial chains of {sectorList}].",
)

var (
	enListedLead = compileAll(
		"{coShort} ({stock}) said in a filing on {pubDate} that it [has signed|signed] an investment agreement with the {city} government to build {aProdFull} in {zone}, with a total investment of {amt} [funded by its own and raised capital|from its own funds and bank loans].",
		"{co} (stock code: {stock}) announced on {pubDate} that it plans to invest {amt} in {aProdFull} in {zoneIn}[?cap:, with an annual capacity of {cap}].",
	)
	enListedSecond = compileAll(
		"[It also plans|The company also plans] to invest[?amt: {amt}] in {aProdFull} in {pcountyOf}.",
		"In a separate filing, the company said it will build {aProdFull} in {pcity}[?amt: with an investment of {amt}].",
	)
	enListedCompany = compileAll(
		"{coShort} [?mfg:[mainly makes|is mainly engaged in the R&D, production and sale of] {prod} products|is mainly engaged in {field}][?home: and is based in {coHome}]. Its revenue [rose|grew] {growth} to {revenue} in {lastYear}, with net profit of {profit}.",
		"According to its annual report, {coShort} posted revenue of {revenue} in {lastYear} and net profit of {profit}.",
	)
	enListedRisk = compileAll(
		"The company said the investment will [?mfg:[expand its {prod} capacity|improve its industrial layout]|expand its {field} business], but warned that the project still [requires|needs] [approvals for project filing, environmental assessment and energy assessment|government approvals] and [faces uncertainties|may be adjusted].",
		"Shares of {coShort} closed at {price} yuan on {pubDate}, giving it a market value of {marketCap}.",
	)
)

func enListed(d *doc) {
	enDateline(d)
	ps := d.st.projs
	d.cur = ps[0]
	d.say(enListedLead)
	if len(ps) > 1 {
		d.b = append(d.b, ' ')
		d.sayP(ps[1], enListedSecond)
		d.cur = ps[0]
	}
	d.para()
	d.say(enListedCompany)
	d.para()
	d.say(enListedRisk)
}

var (
	enForeignLead = compileAll(
		"{coCountry} company {co} signed an agreement with {zone} on {evtDate} to invest {amt}[?cny:| (about {amtConv})] in {aProdFull}, the [largest foreign-funded project {city} has attracted this year|biggest single foreign investment in the zone in recent years].",
		"{co}, {coDesc}, will invest {amt} to build {aProdFull} in {zoneIn}[?cap:, with a capacity of {cap}].",
	)
	enForeignMid = compileAll(
		"Founded in {founded}, {coShort} is a leading global supplier of {prod}, with worldwide sales of {revenue} in {lastYear}.",
		"\"[We are optimistic about the Chinese market|{city}'s business environment and supply chain gave us confidence],\" said {exec}, adding that the plant will [use the group's most advanced processes|serve customers across the Asia-Pacific].",
	)
	enForeignStats = compileAll(
		"{Period}, {city} used {fdi} in foreign capital, up {growth} year on year.",
		"In {lastYear}, {city} approved {lastN} foreign-invested enterprises and [actually used|utilized] {fdi} of foreign capital.",
	)
)

func enForeign(d *doc) {
	enDateline(d)
	d.cur = d.st.projs[0]
	d.say(enForeignLead)
	d.para()
	d.say(enForeignMid)
	d.para()
	d.say(enForeignStats)
	d.para()
	d.say(enBackground)
}

var (
	enProgressLead = compileAll(
		"The {prodFull} of {co} in {zone} [?mfg:[topped out on {evtDate}, moving into the equipment installation stage|rolled out its first products on {evtDate}, a step closer to full production|started production on {evtDate}, marking a key step for the project]|[topped out on {evtDate}, marking a key step in its construction|opened to the public on {evtDate}|completed its first phase on {evtDate}]].",
		"At the construction site of {coShort}'s {prodFull} in {zone}, [cranes are busy and workers are racing against time|workers are installing equipment]. [The main structure has been completed|[?mfg:Equipment installation|Interior work] is nearly finished], and [?mfg:[full production is expected in {nextYear}|trial production should begin by the end of the year]|it is expected to open in {nextYear}].",
	)
	enProgressDetail = compileAll(
		"Signed in {lastYear}, the project [?cap:will have a capacity of {cap} and |]is expected to [generate annual output value of|bring annual sales of] {output} and pay {tax} in taxes when fully operational, creating {jobs} jobs.",
		"Once completed, the project will [extend|strengthen] {city}'s {field} industrial chain and [bring in annual sales revenue of|generate output value of] {output} a year.",
	)
)

var enProgressSpeech = compileAll(
	"{off1}, [visited the site and said|said during an inspection that] the city will [keep providing services|solve problems for the project promptly] so that it [can reach full capacity soon|is completed on schedule].",
	"\"It took [less than two years|just over a year] from signing to [?mfg:production|opening],\" said {exec}, crediting {zoneShort}'s [one-stop services|dedicated service team].",
)

func enProgress(d *doc) {
	enDateline(d)
	d.cur = d.st.projs[0]
	d.say(enProgressLead)
	d.para()
	d.say(enProgressDetail)
	d.para()
	d.say(enProgressSpeech)
	d.para()
	d.say(enBackground)
	d.para()
	d.say(enStats)
}

var (
	enNoPlaceLead = compileAll(
		"{coShort}[?stock: ({stock})] said it plans to invest[?amt: {amt}] in a new {prodFull}, [but has not yet decided on the site|with the location still under study|and is in talks with several local governments about where to build it].",
		"[?home:{coHome}-based ]{coShort} announced plans to build {aProdFull}[?amt: worth {amt}][?cap: with a capacity of {cap}]; the [site|host city] has not been disclosed.",
	)
	enNoPlaceMid = compileAll(
		"[Industry insiders say|Analysts note that] [demand for {prod} keeps growing|domestic substitution in {prod} is accelerating], and leading companies are expanding capacity. [Research firms expect|A research firm expects] China's {prod} market to [exceed|reach] {market} by {nextYear}.",
		"{coShort}'s revenue [grew|rose] {growth} to {revenue} in {lastYear}. The company said the investment [reflects its long-term strategy|will raise its market share in {prod}].",
	)
)

func enNoPlace(d *doc) {
	enDateline(d)
	d.cur = d.st.projs[0]
	d.say(enNoPlaceLead)
	d.para()
	d.sayAll(enNoPlaceMid, 2, "\n\n")
}

var (
	enRuralLead = compileAll(
		"[In|At] {village} in {countyOf}, [rows of new {prod} facilities catch the eye|a new {prodFull} has just opened]. The village [invested|spent][?amt: {amt}] to build it[ with rural revitalization funds|], creating jobs for {jobs} villagers.",
		"A {prodFull} built by {village}, {town} in {countyOf}[?amt: at a cost of {amt}] has [recently|just] been put into use, according to the {countyKind}'s agriculture and rural affairs bureau.",
	)
	enRuralProject = compileAll(
		"The village has also [invested|put][?amt: {amt}] [in|into] {aProdFull}, run by {coShort} under a \"village collective plus cooperative plus farmers\" model.",
		"{co} [invested|has invested][?amt: {amt}] in the project, which is expected to add {pIncome} to the village collective's income each year.",
	)
	enRuralMid = compileAll(
		"\"[We used to have no industry here|Young people used to leave to find work], but now we can earn money at our doorstep,\" said villager {execName}. Last year the village collective earned {income}.",
		"An official of {county} said the {countyKind} will [keep developing|further upgrade] its {prod} industry so that more villagers [share the benefits|can increase their incomes].",
	)
)

func enRural(d *doc) {
	ps := d.st.projs
	d.cur = ps[0]
	d.say(enRuralLead)
	if len(ps) > 1 {
		d.para()
		d.sayP(ps[1], enRuralProject)
	}
	d.para()
	d.sayAll(enRuralMid, 2, "\n\n")
}

var (
	enSummitLead = compileAll(
		"{n} projects[?total: involving a total investment of {total}] were signed at the {ordinal} {city} Development Summit held on {evtDate} in {cityIn}.",
		"The {ordinal} {city} Development Summit, held in {city} on {evtDate}, saw {n} projects signed[?total:, with a total investment of {total}].",
	)
	enSummitMid = compileAll(
		"The projects, covering {sectorList}, are expected to [further accumulate momentum for|speed up] {city}'s [new industrialization|industrial upgrading].",
		"[Covering|Spanning] {sectorList}, the projects will [strengthen|extend] the city's industrial chains, [organizers said|according to the local government].",
	)
	enSummitProject = compileAll(
		"{co}'s {prodFull}[?amt:, worth {amt}]",
		"the {prodFull} of {coShort}, {coDesc}[?amt:, involving {amt}]",
	)
	enSummitClose = compileAll(
		"{city} aims to achieve breakthroughs in attracting investment in {slogan}, said {off1}.",
		"[Known as|Dubbed] \"[a pioneer of high-quality development|a rising industrial hub]\"[!muni: in the province], {city} has a business environment that is highly attractive to [quality projects at home and abroad|emerging industries], said {off1}.",
	)
)

// enSummit writes a Xinhua Silk Road style item about a development summit.
func enSummit(d *doc) {
	enDateline(d)
	d.say(enSummitLead)
	d.para()
	d.say(enSummitMid)
	d.para()
	d.b = append(d.b, "Since the beginning of this year, projects such as "...)
	for i, p := range d.st.projs {
		switch {
		case i == 0:
		case i == len(d.st.projs)-1:
			d.b = append(d.b, " and "...)
		default:
			d.b = append(d.b, ", "...)
		}
		d.sayP(p, enSummitProject)
	}
	d.cur = nil
	d.say(enSummitProgress)
	d.para()
	d.say(enSummitClose)
	d.para()
	d.say(enStats)
}

var enSummitProgress = compileAll(
	" have been [selected into the list of major provincial projects|put on the province's list of key projects].",
	" have made sound progress.",
)

var (
	enTripLead = compileAll(
		"A delegation from {city} led by {off1}, visited {venue} from {evtDate} to {evtEnd}[ to attract investment|, meeting business leaders], and signed {n} projects[?total: worth {total}].",
		"{city} officials took their investment pitch to {venue} on {evtDate}, signing {n} projects[?total: with a total investment of {total}] with companies from the {venueRegionFull}.",
	)
	enTripMid = compileAll(
		"During the trip, {off1Name} introduced {city}'s strengths in {slogan} and invited {venue} companies to [invest in the city|set up operations there].",
		"At a symposium with {venue} entrepreneurs, {off1Name} said {city} and {venue} are [highly complementary|natural partners] in {slogan}.",
	)
)

// enPromotionTrip writes a city delegation's trip to court investors.
func enPromotionTrip(d *doc) {
	enDateline(d)
	d.say(enTripLead)
	d.para()
	d.say(enTripMid)
	d.para()
	enProjectsPara(d)
	d.para()
	d.say(enBackground)
}
