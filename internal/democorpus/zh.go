package democorpus

// Chinese skeletons and sentence pools. Every text here was written for this
// project.

var (
	zhAttend = compileAll(
		"{off1}、{off2}[出席活动|出席签约仪式并见证签约|等出席签约仪式][，{off1Name}致辞|]。",
		"{off1}[出席并讲话|出席签约仪式并致辞]，{off2}主持[签约仪式|活动]。",
		"{off1}出席[活动|仪式]并[为签约企业颁发投资证书|与企业代表座谈交流]。",
	)
	zhSpeech = compileAll(
		"{off1}在致辞中表示，[?multi:此次签约的项目|该项目][科技含量高、带动能力强|产业关联度高、发展前景好]，[必将为{city}高质量发展注入新的强劲动能|对{city}加快构建现代化产业体系具有重要意义]。[{zoneShort}将|各相关部门要]坚持“项目为王”，[全力做好要素保障和跟踪服务|为项目建设提供全方位、全周期服务]，推动项目早落地、早开工、早投产、早见效。",
		"{off1}[指出|强调]，招商引资是[经济工作的生命线|推动高质量发展的“关键一招”]。[各级各部门要|要]以[“拼抢实干”|“马上就办”]的作风[抓好项目推进|加快[?multi:签约项目|项目]落地转化]，[努力打造一流营商环境|真正让企业安心投资、放心发展]。",
		"[签约仪式上，|活动中，]{off2}[介绍了|推介了]{city}的[区位交通、产业基础和营商环境|资源禀赋和发展机遇]。企业代表{execName}[表示|说]，[{city}区位优势明显、产业配套完善|看中的正是{city}完善的产业链条和高效的政务服务]，企业将[加快项目建设进度|把项目打造成行业标杆]，[与{city}实现互利共赢|力争早日投产达效]。",
		"“[我们|企业]选择{city}，[看中的是这里完善的产业配套和高效的政务服务|是因为这里产业基础好、营商环境优]。”{exec}在签约仪式上[表示|说]，[公司将全力推进项目建设|项目计划年内开工、明年投产]，[尽快把蓝图变为现实|早日实现达产达效]。",
	)
	zhBackground = compileAll(
		"近年来，{zone}[聚焦|围绕]{slogan}等主导产业，[大力实施|深入开展]产业链招商、以商招商，[招商引资工作取得明显成效|一批强链补链延链项目相继落地]。{lastYear}年，{zoneShort}[新签约|共签约]项目{lastN}个，总投资{lastTotal}。",
		"[作为{city}对外开放的主窗口|作为{city}经济发展的主阵地]，{zone}[重点发展|着力打造]{slogan}[产业集群|等产业]，[先后获评多个省级特色产业基地|产业集聚效应日益凸显]。",
		"[据了解，|据悉，]{zone}[始终|坚持]把招商引资作为“一号工程”，[{lastYear}年|去年]全年引进[亿元以上项目|重点项目]{lastN}个，[协议总投资|计划总投资]{lastTotal}，[形成了以{slogan}为主导的产业体系|{slogan}等产业集聚效应日益显现]。",
		"[近年来|今年以来]，{city}[坚持“项目为王”|把招商引资作为“一号工程”]，围绕{slogan}等产业链精准招商，[招大引强|强链补链][取得新突破|成效明显]。",
	)
	zhStats = compileAll(
		"[数据显示|据统计]，{lastYear}年{city}实现地区生产总值{gdp}，同比增长{gdpGrowth}；[规模以上工业总产值|规上工业总产值]{indOutput}。",
		"{lastYear}年，{cityFull}地区生产总值[达到|突破]{gdp}，[同比增长{gdpGrowth}|[?muni:同比增长{gdpGrowth}|增速居全省前列]]，外贸进出口总额{exports}。",
		"[目前|截至目前]，{zoneShort}已集聚各类企业[数百|上千]家，{lastYear}年实现[规上工业产值|工业总产值]{zoneOutput}，[进出口总额|外贸进出口]{zoneExports}。",
	)
	zhClosing = compileAll(
		"[下一步|接下来]，{zone}将[持续优化营商环境|继续深化“放管服”改革]，[以更大力度开展招商引资|全力推进签约项目落地]，[为{city}高质量发展作出新的更大贡献|奋力打造{slogan}产业高地]。",
		"[据悉|另悉]，{zoneShort}已为签约项目[成立工作专班|建立“一个项目、一名领导、一套班子”推进机制]，[全程跟踪服务|确保项目早开工、早投产]。",
		"[下一步|今后]，{city}将[持续擦亮“{city}服务”品牌|坚持以优质服务留商安商]，推动更多[优质项目|好项目、大项目]落地生根。",
	)
	zhProjects = compileAll(
		"[其中，|此次签约项目中，|]{coDesc}{coShort}[拟|计划]投资[?amt:{amt}]建设{prodFull}[?cap:，建成后可形成{cap}的生产能力]，[达产后|全部投产后]预计年产值{output}、年纳税{tax}。",
		"由{co}投资建设的{prodFull}[?amt:，总投资{amt}][?phase:，其中一期投资{phase}]，[?mfg:[主要从事|重点布局]{prod}[的研发与生产|的研发、生产和销售]，|][建成后可新增就业岗位{jobs}个|可带动就业{jobs}人]。",
		"{co}投资的{prodFull}[?amt:（总投资{amt}）]将落户{zone}，[?mfg:[填补{provShort}在该领域的空白|进一步补齐{city}{prod}产业链短板|助力{city}打造{prod}产业集群]|[进一步完善{city}{field}产业布局|为{city}{field}发展注入新动能]]。",
		"{coShort}[?home:（总部位于{coHome}）]深耕{field}领域多年，此次布局的{prodFull}[?amt:计划总投资{amt}][!amt:是企业近年来最大的一笔投资]，[预计{nextYear}年建成投产|力争年内开工建设]。",
		"[?amt:投资{amt}的]{prodFull}由{co}建设，项目选址{zone}，[用地约{area}亩|规划用地{area}亩]，[主要建设|将建设][?mfg:生产厂房、研发中心|主体建筑]及配套设施。",
		"[?first:[?amt:{prodFull}投资额最大，达{amt}。|{prodFull}备受关注。]|[?amt:投资{amt}的|]{prodFull}同样备受关注。]该项目由{coDesc}{coShort}[投资建设|牵头实施]，[?cap:建成后将形成{cap}的生产能力，]预计年销售收入{output}。",
	)
	zhProjectIntro = compileAll("[据了解，|据介绍，|记者了解到，|]", "[从签约项目看，|从产业分布看，]")
)

var zhSkeletons = [numKinds][]skeleton{
	kSigning: {{
		titles: compileAll(
			"{zone}集中签约{n}个项目[?total: 总投资{total}]",
			"[?total:总投资{total}！]{n}个项目集中签约落户{zone}",
			"{zone}举行[{year}年|]重点项目集中签约仪式",
			"{zone}{n}个项目集中签约[?total:，总投资{total}][!total:，涉及{sectorList}等领域]",
			"[{year}年|]{city}重点项目集中签约 [?total:总额达{total}|{n}个项目落地]",
		),
		body: zhSigning,
	}, {
		titles: compileAll(
			"{zone}{year}年第[一|二|三|四]批重点项目签约[?total: 总投资{total}| 涉及{sectorList}]",
			"{city}：{n}个重点项目“落子”{zone}",
		),
		body: zhSigningList,
	}},
	kPromotion: {{
		titles: compileAll(
			"{year}{city}（{venue}）重点招商项目签约仪式举行 签约项目{n}个[?total: 总投资{total}]",
			"{city}赴{venue}[开展|举办]招商推介 现场签约{n}个项目",
			"{city}在{venue}签约{n}个项目[?total:，总金额{total}]",
			"[“{venue}-{city}”|{city}（{venue}）]投资合作推介会成功举办",
		),
		body: zhPromotion,
	}, {
		titles: compileAll(
			"{city}党政代表团赴{venue}开展招商活动 签约项目{n}个",
			"{off1Name}率队赴{venue}招商 {n}个项目签约[?total:，总投资{total}]",
		),
		body: zhPromotionTrip,
	}},
	kSingle: {{
		titles: compileAll(
			"[?amt:总投资{amt}！]{prodFull}[签约|落户]{zone}",
			"{coShort}{prodFull}落地{city}",
			"{zone}引进{prodFull}[?amt:，投资{amt}]",
			"[?amt:投资{amt}！|]{coShort}在{city}建设{prodFull}",
		),
		body: zhSingle,
	}},
	kGroundbreak: {{
		titles: compileAll(
			"{city}举行{year}年[第一|第二|第三|第四]季度重大项目集中开工活动[?total: {n}个项目总投资{total}]",
			"{n}个项目集中开工 {zone}[掀起|再掀]项目建设热潮",
			"[?total:总投资{total}！]{city}{n}个重大项目集中开工",
		),
		body: zhGroundbreak,
	}},
	kSummary: {{
		titles: compileAll(
			"{zone}[{period}|]招商引资[成效明显|跑出“加速度”] 签约项目{n}个",
			"{period}{city}[新签约|签约]亿元以上项目{nBig}个",
			"{county}招商引资“成绩单”出炉：[?total:协议总投资{total}|签约项目{n}个]",
		),
		body: zhSummary,
	}},
	kTradeWeek: {{
		titles: compileAll(
			"{year}{provShort}—{venueRegion}经贸合作洽谈周在{venue}开幕 签约项目{n}个[?total: 总投资{total}]",
			"{provShort}组团赴{venue}招商 {n}个项目集中签约",
			"[?total:总投资{total}！]{provShort}在{venue}签约{n}个项目",
		),
		body: zhTradeWeek,
	}},
	kListed: {{
		titles: compileAll(
			"{coShort}：拟投资{amt}在{city}建设{prodFull}",
			"{coShort}拟在{provShort}{city}投建{prod}项目[ 总投资{amt}|]",
			"{coShort}公告：与{cityFull}人民政府签署投资协议",
		),
		body: zhListed,
	}},
	kForeign: {{
		titles: compileAll(
			"{coCountry}{coShort}投资{amt}在{city}建设{prodFull}",
			"外资项目{prodFull}落户{zone}[，投资额{amt}|]",
			"投资{amt} {coCountry}企业加码布局{city}",
		),
		body: zhForeign,
	}},
	kProgress: {{
		titles: compileAll(
			"{prodFull}[?mfg:[主体厂房封顶|首批产品下线|正式投产]|[主体结构封顶|正式开业|一期竣工]]",
			"{zone}{prod}项目建设跑出“加速度”",
			"{city}：{coShort}{prod}项目[?mfg:投产|竣工]在即",
		),
		body: zhProgress,
	}},
	kNoPlace: {{
		titles: compileAll(
			"{coShort}拟[?amt:投资{amt}]建设{prodFull}[ 选址尚未确定|]",
			"{coShort}加码{prod}[赛道|领域]",
			"[?amt:{amt}！|]{coShort}[宣布|公告]扩产{prod}",
		),
		body: zhNoPlace,
	}},
	kRural: {{
		titles: compileAll(
			"{countyOf}：小{prod}撬动乡村振兴大产业",
			"{village}[?amt:投资{amt}]建起{prodFull}",
			"{county}{town}：{prod}鼓起村民“钱袋子”",
		),
		body: zhRural,
	}},
}

func zhProjectsPara(d *doc) {
	d.say(zhProjectIntro)
	d.sayEach(d.st.projs, zhProjects, "")
}

func zhSigning(d *doc) {
	if d.st.venue != nil {
		d.say(zhSigningAway)
	} else {
		d.say(zhSigningLead)
	}
	d.para()
	d.say(zhAttend)
	d.para()
	zhProjectsPara(d)
	d.para()
	d.say(zhSpeech)
	d.para()
	if d.r.IntN(2) == 0 {
		d.say(zhBackground)
		d.para()
		d.say(zhStats)
	} else {
		d.say(zhStats)
		d.para()
		d.say(zhBackground)
	}
	if d.r.IntN(3) > 0 {
		d.para()
		d.say(zhClosing)
	}
}

var (
	zhSigningLead = compileAll(
		"{evtDate}[上午|下午]，{zone}[{year}年|]重点项目集中签约仪式[在{zoneShort}政务服务中心|在{city}国际会展中心|]举行[，{n}个项目现场签约|]。[本次|此次]签约项目[共{n}个|]，[?total:总投资{total}，][涉及|涵盖]{sectorList}等[领域|产业]，其中亿元以上项目{nBig}个。",
		"[记者从{zone}获悉|据{zone}消息]，{evtDate}，{zoneShort}举行[招商引资|重点]项目集中签约[仪式|活动]，{n}个项目[成功|现场]签约[?total:，协议总投资{total}]。签约项目涵盖{sectorList}等[领域|产业]。",
		"{evtDate}，{cityIn}[{zone}|]举行{year}年[第一|第二|第三|第四]季度重点项目集中签约活动，共签约项目{n}个[?total:，计划总投资{total}]，其中亿元以上项目{nBig}个，[主要集中在|涉及]{sectorList}等[领域|行业]。",
	)
	zhSigningAway = compileAll(
		"{evtDate}，{zone}重点项目[集中|]签约仪式在{venue}举行，{n}个项目[集中|]签约[?total:，总投资{total}]，[涵盖|涉及]{sectorList}等领域。",
		"{evtDate}，{cityIn}[{zone}|]招商引资项目“云签约”活动[举行|举办]，[主会场设在{venue}，|]共签约项目{n}个[?total:，签约总额{total}]。",
	)
)

var (
	zhPromotionLead = compileAll(
		"{evtDate}，{year}{city}（{venue}）重点招商项目推介签约活动在{venue}举行。[活动现场，|现场]共有{n}个项目集中签约[?total:，总投资{total}]，项目涵盖{sectorList}等领域。",
		"[为深化与{venueRegionFull}的经贸合作，|]{evtDate}，{cityIn}在{venue}举办[投资环境推介会|招商引资推介会暨项目签约仪式]，[现场|会上]签约项目{n}个[?total:，签约总额{total}]。",
		"[记者从{cityFull}商务局获悉，|]{evtDate}，{city}[经贸代表团|招商小分队]走进{venue}，[开展|举办]“[{city}—{venue}|{venueRegion}]产业合作对接会”，[一批|{n}个]项目[现场签约|成功签约][?total:，协议总额{total}]。",
	)
	zhPromotionMid = compileAll(
		"此次活动由{cityFull}人民政府主办，[旨在|目的是]深化与{venueRegionFull}[的交流合作|企业的对接]，[推动更多优质项目落户{city}|承接{venueRegion}产业转移]。{off1}在推介会上[介绍了|详细介绍了]{city}的[区位优势和产业基础|投资环境和发展机遇]，[欢迎|诚邀]{venue}企业家到{city}投资兴业。",
		"推介会上，{off1}[向与会客商|向{venue}企业家]推介了{city}[“{slogan}”等产业发展情况|的资源禀赋和营商环境]，并表示{city}将[以最优的政策、最好的服务|以“店小二”式服务]为企业[保驾护航|提供全方位保障]。",
	)
)

func zhPromotion(d *doc) {
	d.say(zhPromotionLead)
	d.para()
	d.say(zhPromotionMid)
	d.para()
	zhProjectsPara(d)
	d.para()
	d.say(zhSpeech)
	d.para()
	d.say(zhBackground)
	if d.r.IntN(2) == 0 {
		d.para()
		d.say(zhStats)
	}
}

var (
	zhSingleLead = compileAll(
		"{evtDate}，{co}{prodFull}签约仪式在{zone}举行，[标志着|这意味着]该项目正式落户{city}。[?amt:项目总投资{amt}][?phase:，其中一期投资{phase}][?amt:。]",
		"[记者从{zone}获悉|{zone}传来消息]，由{co}投资建设的{prodFull}[近日|日前]正式签约落户[?amt:，项目总投资{amt}][?phase:，一期投资{phase}]。",
		"[近日，|日前，]{zone}与{co}[正式签订|签署]{prodFull}投资协议[?amt:，项目[总投资|计划总投资]{amt}]，[这是|该项目是]{zoneShort}[今年以来|近年来]引进的[单体投资规模最大的|又一个]{prod}项目。",
	)
	zhSingleDetail = compileAll(
		"据介绍，项目[选址|位于]{zone}，[规划|计划]用地{area}亩，[主要建设|拟建设][?mfg:生产厂房、研发中心|主体建筑]及配套设施[?cap:，建成后可形成{cap}的生产能力]，预计年产值{output}，年纳税{tax}，[提供|带动]就业岗位{jobs}个。",
		"[该项目|项目]分两期建设，[计划|预计]{months}个月内建成[一期|首期]工程。[?mfg:[全部达产后|项目达产后]，[?cap:可形成{cap}的生产能力，]预计实现年销售收入{output}、年税收{tax}|项目建成运营后，预计年营业收入{output}、年税收{tax}]。",
	)
	zhCompany = compileAll(
		"{coShort}成立于{founded}年，是一家[?mfg:[集研发、生产、销售于一体的|专注于{prod}领域的]高新技术企业|专注于{field}领域的企业][?home:，总部位于{coHome}]。[{lastYear}年|去年]，[公司|企业]实现营业收入{revenue}。",
		"[公开资料显示，|据了解，]{co}[是国家级专精特新“小巨人”企业|是行业内的龙头企业]，[拥有授权专利|已获得专利]一百余项，{lastYear}年营业收入{revenue}。",
	)
)

func zhSingle(d *doc) {
	p := d.st.projs[0]
	d.cur = p
	d.say(zhSingleLead)
	d.para()
	d.say(zhSingleDetail)
	d.para()
	d.say(zhCompany)
	d.para()
	d.say(zhSpeech)
	d.para()
	d.say(zhBackground)
	if d.r.IntN(2) == 0 {
		d.para()
		d.say(zhStats)
	}
}

var zhGroundLead = compileAll(
	"{evtDate}，{cityIn}举行{year}年[春季|二季度|三季度|秋季]重大项目集中开工活动，[主会场设在|活动主会场设在]{zone}。[此次|本次]集中开工项目{n}个[?total:，总投资{total}，年度计划投资{annual}]，涉及{sectorList}等领域。",
	"[机器轰鸣，塔吊林立。|]{evtDate}，{zone}{n}个重点项目集中开工[?total:，总投资{total}]，其中亿元以上项目{nBig}个。[现场|各项目现场]一派热火朝天的建设景象。",
)

var (
	zhGroundAttend = compileAll(
		"{off1}、{off2}[出席开工活动|出席活动并宣布项目开工]。",
		"{off1}出席[开工仪式|活动]并宣布[项目集中开工|开工]，{off2}主持。",
	)
	zhGroundSpeech = compileAll(
		"{off1}在讲话中[指出|强调]，项目建设是[稳增长的“压舱石”|高质量发展的“主引擎”]，[要|各级各部门要]强化要素保障，[推动项目早竣工、早投产、早见效|以项目建设的加速度推动经济发展的高质量]。",
		"“[我们|企业]选择{city}，[看中的是这里完善的产业配套和高效的政务服务|是因为这里产业基础好、营商环境优]。”{exec}在开工现场[表示|说]，[公司将倒排工期、挂图作战|力争项目早日建成投用]。",
	)
)

func zhGroundbreak(d *doc) {
	d.say(zhGroundLead)
	d.para()
	d.say(zhGroundAttend)
	d.para()
	d.say(zhProjectIntro)
	d.sayEach(d.st.projs, zhGroundProject, "")
	d.para()
	d.say(zhGroundSpeech)
	d.para()
	d.say(zhStats)
	d.para()
	d.say(zhClosing)
}

var zhGroundProject = compileAll(
	"{co}投资建设的{prodFull}[?amt:总投资{amt}，]计划{months}个月内建成，[?mfg:[投产后|达产后]预计年产值{output}|建成后预计年营业收入{output}]。",
	"[开工项目中，|]{prodFull}[?amt:投资{amt}，]由{coDesc}{coShort}建设，[?mfg:[主要|将]建设[厂房|生产车间]及配套设施|[主要|将]建设主体建筑及配套设施][?cap:，建成后形成{cap}的生产能力]。",
	"{coShort}{prodFull}[?amt:（投资{amt}）]于当天同步开工，[将于{nextYear}年[?mfg:投产|投用]|预计明年建成投用]，可[吸纳|带动]就业{jobs}人。",
)

var zhSummaryLead = compileAll(
	"{period}，{zone}[坚持把招商引资作为“一号工程”|深入开展“招商引资攻坚年”活动]，[新签约|共签约]项目{n}个[?total:，协议总投资{total}，同比增长{growth}]；其中亿元以上项目{nBig}个[?total:，实际到位资金{paid}]。",
	"[记者从{city}投资促进局获悉，|]{period}，{countyOf}[招商引资|项目引进]工作[跑出“加速度”|取得明显成效]：[新签约|累计签约]项目{n}个，[?total:总投资{total}，]其中亿元以上项目{nBig}个。",
)

func zhSummary(d *doc) {
	d.say(zhSummaryLead)
	d.para()
	d.say(zhProjectIntro)
	d.sayEach(d.st.projs, zhSummaryProject, "")
	if n := len(d.b) - len("；"); n > 0 && string(d.b[n:]) == "；" {
		d.b = append(d.b[:n], "。"...)
	}
	d.para()
	d.say(zhBackground)
	d.para()
	d.say(zhStats)
	d.para()
	d.say(zhClosing)
}

var zhSummaryProject = compileAll(
	"{co}{prodFull}[?amt:（{amt}）]已签约落地；",
	"[?amt:投资{amt}的]{prodFull}已开工建设；",
	"{coDesc}{coShort}的{prodFull}[?amt:总投资{amt}，]已完成[备案|供地]；",
	"{prodFull}[?amt:投资{amt}，]由{coShort}建设；",
)

var (
	zhTradeLead = compileAll(
		"{evtDate}，{year}{provShort}—{venueRegion}经贸合作洽谈周在{venue}[开幕|举行]。[记者从{provDept}获悉|据{provDept}介绍]，[开幕式上|活动期间]共签约项目{n}个[?total:，总投资{total}]，涉及{sectorList}等[领域|产业]。",
		"{evtDate}，{provShort}[在{venue}举办|赴{venue}举办]{ordinal}{provShort}—{venueRegion}产业合作推介会[，现场签约项目{n}个|][?total:，签约总额{total}]。{offProv}出席并[致辞|推介{provShort}投资环境]。",
	)
	zhTradeProject = compileAll(
		"{pcountyOf}[的|引进的]{co}{prodFull}[?amt:，总投资{amt}]，[是此次签约的重点项目之一|投资规模居签约项目前列]。",
		"[此外，|同时，]{co}在{pcity}投资[建设|]的{prodFull}[?amt:（{amt}）]也在会上签约。",
		"{pcity}与{coDesc}{coShort}签约{prodFull}[?amt:，投资{amt}]。",
	)
	zhTradeBack = compileAll(
		"据[统计|了解]，上届洽谈周共签约项目{lastN}个，总投资{lastTotal}，目前项目开工率达{rate}。",
		"[据{provDept}介绍，|]截至目前，上届洽谈周签约项目[履约率|资金到位率]达{rate}，[一批项目已建成投产|多个项目已开工建设]。",
	)
)

func zhTradeWeek(d *doc) {
	d.say(zhTradeLead)
	d.para()
	d.sayEach(d.st.projs, zhTradeProject, "")
	d.para()
	d.say(zhTradeBack)
	d.para()
	d.say(zhTradeMid)
}

var zhTradeMid = compileAll(
	"{offProv}在致辞中表示，{provShort}[热忱欢迎|诚挚欢迎]{venueRegionFull}企业家[到{provShort}投资兴业|来{provShort}考察投资]，将[以最优的服务保障项目落地|像服务本地企业一样服务外来投资者]。",
	"[据了解，|]{provShort}[每年|近年来]都组织各市州和开发区赴{venueRegionFull}开展[精准招商|产业链招商]，[推动参展商变投资商|围绕{sectorList}等产业链招大引强]。",
)

var (
	zhListedLead = compileAll(
		"{coShort}（{stock}）{pubDate}[晚间|]公告，公司与[?zone:{zone}管理委员会|{cityFull}人民政府]签署《{prodFull}投资协议书》，[拟|计划]在{zone}投资建设{prodFull}，项目总投资{amt}，资金来源为[公司自有或自筹资金|自有资金及银行贷款]。",
		"{pubDate}，{coShort}（{stock}）发布公告称，[公司|全资子公司]拟与[?zone:{zone}管理委员会|{cityFull}人民政府]签订投资合作协议，[投资{amt}|以{amt}]建设{prodFull}[?cap:，建成后将形成{cap}的产能]。",
	)
	zhListedSecond = compileAll(
		"[同日|与此同时]，公司还公告拟在{pcountyOf}投资[?amt:{amt}]建设{prodFull}。",
		"此外，公司[计划|拟]在{pcity}[布局|建设]{prodFull}[?amt:，总投资{amt}]。",
	)
	zhListedCompany = compileAll(
		"公开资料显示，{coShort}[?mfg:主要从事{prod}[相关产品|等产品]的研发、生产和销售|主要从事{field}相关业务][?home:，注册地位于{coHome}]。公司{lastYear}年实现营业收入{revenue}，同比增长{growth}；净利润{profit}。",
		"[据年报披露|财报显示]，{coShort}{lastYear}年[营业收入|营收]{revenue}，归母净利润{profit}[?home:。公司总部位于{coHome}|]。",
	)
	zhListedRisk = compileAll(
		"公司表示，本次投资[有利于|旨在][?mfg:进一步扩大{prod}产能|拓展{field}业务]，[完善公司产业布局|提升公司核心竞争力]。公告同时提示，项目[尚需|还需]履行[立项、环评、能评等|相关]审批程序，[项目建设周期较长|存在一定的不确定性]。",
		"[公告提示|公司提醒投资者注意]，项目投资金额[为预估数|系初步测算]，[实际投资以后续建设情况为准|存在因市场变化而调整的风险]。截至{pubDate}收盘，{coShort}股价报{price}元/股，总市值{marketCap}。",
	)
)

func zhListed(d *doc) {
	ps := d.st.projs
	d.cur = ps[0]
	d.say(zhListedLead)
	if len(ps) > 1 {
		d.sayP(ps[1], zhListedSecond)
		d.cur = ps[0]
	}
	d.para()
	d.say(zhListedCompany)
	d.para()
	d.say(zhListedRisk)
}

var (
	zhForeignLead = compileAll(
		"{evtDate}，{coCountry}{co}与{zone}[签署|正式签署]{prodFull}投资合作协议。项目总投资{amt}[?cny:|（约合人民币{amtConv}）]，[是{city}今年以来引进的最大外资项目|为{zoneShort}近年来引进的单体投资规模最大的外资项目]。",
		"[记者从{city}商务局获悉，|]{coCountry}{coShort}[近日|日前]与{zone}签约，[将|计划]投资{amt}建设{prodFull}[?cap:，形成{cap}的生产能力]。",
	)
	zhForeignMid = compileAll(
		"{coShort}成立于{founded}年，总部位于{coCountry}，是全球领先的{prod}供应商，{lastYear}年全球销售额{revenue}。[这是该公司在华的第二个生产基地|此前，企业已在华设立多家子公司]。",
		"{exec}表示，[看好中国市场的长期发展|{city}的营商环境和产业配套让企业坚定了投资信心]，[项目将引入企业最先进的生产工艺|将把该基地打造成企业在亚太地区的重要生产中心]。",
	)
	zhForeignStats = compileAll(
		"{period}，{city}实际使用外资{fdi}，同比增长{growth}。",
		"[据统计|数据显示]，{lastYear}年{cityFull}[新设外商投资企业|新批外资项目]{lastN}家，实际使用外资{fdi}。",
	)
)

func zhForeign(d *doc) {
	d.cur = d.st.projs[0]
	d.say(zhForeignLead)
	d.para()
	d.say(zhForeignMid)
	d.para()
	d.say(zhForeignStats)
	d.para()
	d.say(zhSpeech)
	d.para()
	d.say(zhBackground)
}

var zhProgressLead = compileAll(
	"{evtDate}，[位于|坐落于]{zone}的{co}{prodFull}[?mfg:[主体厂房顺利封顶，标志着项目建设进入设备安装调试阶段|首批产品成功下线，这意味着项目距全面投产又近了一步|正式投产，标志着项目建设迈出关键一步]|[主体结构顺利封顶，标志着项目建设迈出关键一步|正式开业运营，这意味着项目建设取得阶段性成果|一期工程竣工，标志着项目建设迈出关键一步]]。",
	"[初夏时节，|金秋时节，|]走进{zone}{coShort}{prodFull}建设现场，[塔吊林立、机器轰鸣|工人们正在加紧施工]。[项目负责人介绍|据项目负责人介绍]，目前[主体工程已完工|[?mfg:设备安装|室内装修]已进入尾声]，[预计{nextYear}年全面[?mfg:投产|运营]|力争年底前[?mfg:试生产|开门迎客]]。",
)

var zhProgressDetail = compileAll(
	"[据介绍|据了解]，该项目于{lastYear}年签约落户，[全部达产后|建成投产后][?cap:可形成{cap}的生产能力，]预计年产值{output}，年纳税{tax}，[带动|新增]就业{jobs}人。",
	"[项目建成后|[?mfg:项目全面投产后|项目建成运营后]]，将[有效延伸|进一步完善]{city}{field}产业链，预计实现[?mfg:年销售收入|年营业收入]{output}，[提供就业岗位|吸纳就业]{jobs}个。",
)

var zhProgressSpeech = compileAll(
	"{off1}[在项目现场调研时|到项目建设现场调研时]表示，[要|将]全力做好[要素保障|服务保障]，[推动项目早日投产达效|确保项目按期建成投用]。",
	"“项目从签约到[?mfg:投产|开业]只用了[不到两年|一年多]时间，[跑出了{city}速度|离不开{zoneShort}的全程帮办服务]。”{exec}[说|介绍]。",
)

func zhProgress(d *doc) {
	d.cur = d.st.projs[0]
	d.say(zhProgressLead)
	d.para()
	d.say(zhProgressDetail)
	d.para()
	d.say(zhProgressSpeech)
	d.para()
	d.say(zhBackground)
	d.para()
	d.say(zhStats)
}

var zhNoPlaceLead = compileAll(
	"{coShort}[?stock:（{stock}）][日前|近日]发布公告称，公司拟[投资|以自有资金投资][?amt:{amt}]建设{prodFull}，[项目具体选址尚未确定|项目实施地点将根据后续论证确定|公司正与多地政府接洽，选址尚在论证中]。",
	"[?home:总部位于{coHome}的]{coShort}[日前|近日]宣布，[将|计划][?amt:投资{amt}]新建{prodFull}[?cap:，规划产能为{cap}]，[项目落地城市尚未公布|选址工作正在推进]。",
)

var zhNoPlaceMid = compileAll(
	"业内人士指出，[随着|在]{prod}[市场需求持续增长|国产替代加速]的背景下，[头部企业纷纷扩产|行业迎来新一轮投资热潮]。据[行业机构|研究机构]预测，到{nextYear}年，我国{prod}市场规模将[突破|达到]{market}。",
	"{coShort}{lastYear}年实现营业收入{revenue}，同比增长{growth}。[公司表示|公司在公告中表示]，本次投资[是基于行业发展趋势作出的战略决策|将进一步提升公司在{prod}领域的市场份额]。",
)

func zhNoPlace(d *doc) {
	d.cur = d.st.projs[0]
	d.say(zhNoPlaceLead)
	d.para()
	d.sayAll(zhNoPlaceMid, 2, "\n\n")
}

var (
	zhRuralLead = compileAll(
		"[走进|来到]{countyOf}{town}{village}，[一排排|一座座]崭新的{prodFull}[映入眼帘|格外显眼]。[今年以来|近年来]，该村[依托|借助][当地资源优势|乡村振兴衔接资金]，[?amt:投资{amt}]建设{prodFull}，[带动|吸纳]周边村民就业{jobs}人。",
		"[记者|笔者]从{countyOf}[农业农村局|乡村振兴局]获悉，{town}{village}[?amt:投资{amt}]建设的{prodFull}[近日|日前]正式投入使用。",
	)
	zhRuralProject = compileAll(
		"[此外，|同时，]{village}还[?amt:投资{amt}]建设了{prodFull}，[由{coDesc}{coShort}负责运营|采取“村集体+合作社+农户”模式运营]。",
		"[该项目|项目]由{co}[?amt:投资{amt}]建设，[预计|建成后]每年可为村集体增加收入{pIncome}。",
	)
	zhRuralMid = compileAll(
		"“[以前|过去]村里[没有像样的产业|年轻人都外出打工]，现在[家门口就能就业|在家门口就能挣钱]。”村民{execName}[高兴地说|笑着说]。[{lastYear}年|去年]，{village}村集体经济收入{income}，[村民人均可支配收入明显提高|比上年增长{growth}]。",
		"{county}[相关负责人|农业农村局负责人]表示，[下一步|接下来]将[继续|持续]推进{prod}[产业发展|提质增效]，[让更多村民|带动更多群众][共享发展成果|增收致富]。",
	)
)

func zhRural(d *doc) {
	ps := d.st.projs
	d.cur = ps[0]
	d.say(zhRuralLead)
	if len(ps) > 1 {
		d.para()
		d.sayP(ps[1], zhRuralProject)
	}
	d.para()
	d.sayAll(zhRuralMid, 2, "\n\n")
}

var (
	zhListLead = compileAll(
		"{evtDate}，{zone}举行{year}年重点项目签约仪式，[现场|集中]签约项目{n}个[?total:，总投资{total}]，涵盖{sectorList}等[领域|产业]。{off1}出席[签约仪式|仪式并致辞]。",
		"[为加快构建现代化产业体系，|]{evtDate}，{cityIn}{zone}[集中签约|签约]一批重点项目，共{n}个[?total:，总投资{total}]。",
	)
	zhListItem = compileAll(
		"{co}{prodFull}[?amt:，总投资{amt}]",
		"{coDesc}{coShort}投资的{prodFull}[?amt:，投资{amt}]",
		"{prodFull}[?amt:（{amt}）]，由{co}[投资建设|投资]",
	)
	zhListTail = compileAll(
		"[此外|另外]，还有{nRest}个项目签订了[合作意向协议|框架协议]，[将加快推进|正在抓紧推进]前期工作。",
		"其余{nRest}个项目[涉及|主要集中在]{sectorList}等领域，[其中亿元以上项目{nBig}个|部分项目已完成备案]。",
	)
)

// zhSigningList writes a signing as government sites do: the lead, then
// the key projects as a numbered list.
func zhSigningList(d *doc) {
	d.say(zhListLead)
	d.para()
	d.b = append(d.b, "签约的重点项目包括："...)
	for i, p := range d.st.projs {
		d.para()
		d.num(i + 1)
		d.b = append(d.b, "．"...)
		d.sayP(p, zhListItem)
		if i == len(d.st.projs)-1 {
			d.b = append(d.b, "。"...)
		} else {
			d.b = append(d.b, "；"...)
		}
	}
	d.cur = nil
	d.para()
	d.say(zhListTail)
	d.para()
	d.say(zhSpeech)
	d.para()
	d.say(zhStats)
	d.para()
	d.say(zhClosing)
}

var (
	zhTripLead = compileAll(
		"{evtDate}至{evtEnd}，{off1}率{city}党政代表团赴{venue}开展招商引资活动，[先后走访|深入]{venue}[多家企业|重点企业]，[洽谈对接项目|对接洽谈]，[推动一批项目落地|共签约项目{n}个[?total:，总投资{total}]]。",
		"[近日，|日前，]{city}党政代表团在{off1}带领下赴{venue}[考察|开展“以商招商”活动]，[期间|活动期间]{city}与{venue}[企业|客商]签约项目{n}个[?total:，签约总额{total}]。",
	)
	zhTripMid = compileAll(
		"在{venue}期间，代表团[先后|]与多家企业负责人座谈交流。{off1Name}[介绍|推介]了{city}[“{slogan}”|{slogan}]等产业的发展情况，[希望|欢迎]企业[到{city}考察投资|在{city}布局更多项目]，{city}将[提供最优质的服务|以最大诚意服务企业发展]。",
		"[座谈中|交流中]，{off1Name}表示，{city}与{venue}[产业互补性强|合作基础良好]，[希望双方在{slogan}等领域深化合作|期待更多{venue}企业到{city}投资兴业]。",
	)
)

// zhPromotionTrip writes a city delegation's trip to court investors.
func zhPromotionTrip(d *doc) {
	d.say(zhTripLead)
	d.para()
	d.say(zhTripMid)
	d.para()
	zhProjectsPara(d)
	d.para()
	d.say(zhBackground)
	if d.r.IntN(2) == 0 {
		d.para()
		d.say(zhStats)
	}
}
