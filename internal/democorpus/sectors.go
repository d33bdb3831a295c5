package democorpus

import "strings"

// sector is one top-level key of the project's taxonomy, with what reports
// say about projects in it.
type sector struct {
	key    string
	zh, en string  // as lists of industries write it
	lo, hi float64 // log10 of a typical project's investment in yuan
	mfg    bool    // projects make things: plants, not parks, resorts or hospitals
	coZh   []string
	coEn   []string // parallel to coZh: the industry word in company names
	prods  []product
}

// product is a sector-specific project subject: 碳化硅芯片封测, photomask
// materials. also lists further sector keys the product belongs to.
type product struct {
	zh, en string
	also   []string
	cap    *capacity
}

// capacity is an annual-capacity phrase: 年产10GWh / 10 GWh a year. The
// number is drawn from [lo, hi] for the Chinese text and multiplied by mul
// for the English one (年产30万吨 / 300,000 tonnes a year).
type capacity struct {
	zh, en string // '#' stands for the number
	lo, hi int
	mul    int
}

func cp(zh, en string, lo, hi, mul int) *capacity {
	return &capacity{zh: zh, en: en, lo: lo, hi: hi, mul: mul}
}

// facilitySuffixes end the Chinese names of products that are facilities
// rather than goods: a wind farm tops out, it does not roll off a line.
var facilitySuffixes = []string{"站", "风电", "光伏", "园", "中心", "矿", "库", "储一体化", "养殖", "开发", "采选", "机组", "种植", "平台", "基金", "孵化器", "总部", "基地"}

// mfg reports whether the project makes goods in a plant.
func (p *project) mfg() bool {
	if !p.sec.mfg {
		return false
	}
	for _, s := range facilitySuffixes {
		if strings.HasSuffix(p.prod.zh, s) {
			return false
		}
	}
	return true
}

// The top-level sector keys, in taxonomy order.
var sectorKeys = []string{
	"next-gen-it", "high-end-equipment", "new-materials", "biotech", "new-energy-vehicles",
	"new-energy", "energy-saving-environmental", "digital-creative", "tech-services",
	"agriculture-food", "mining-energy", "chemicals", "textiles-light-industry",
	"traditional-manufacturing", "logistics-trade", "real-estate-construction",
	"culture-tourism", "finance-business-services", "health-education-services",
}

var sectors = []*sector{
	{key: "next-gen-it", mfg: true, zh: "新一代信息技术", en: "new-generation information technology", lo: 8, hi: 10.5,
		coZh: []string{"科技", "微电子", "半导体", "电子", "信息技术", "智能科技"},
		coEn: []string{"Technology", "Microelectronics", "Semiconductor", "Electronics", "Information Technology", "Intelligent Technology"},
		prods: []product{
			{zh: "碳化硅芯片封测", en: "silicon carbide chip packaging and testing"},
			{zh: "12英寸晶圆制造", en: "12-inch wafer fabrication"},
			{zh: "集成电路设计", en: "integrated circuit design"},
			{zh: "射频模组封装测试", en: "RF module packaging and testing"},
			{zh: "新型显示面板", en: "new display panel", cap: cp("年产#万片显示面板", "# panels a year", 30, 900, 10000)},
			{zh: "服务器整机制造", en: "server manufacturing", cap: cp("年产#万台服务器", "# units a year", 5, 60, 10000)},
			{zh: "5G通信模组", en: "5G communication module"},
			{zh: "工业互联网平台", en: "industrial internet platform"},
			{zh: "大数据中心", en: "big data center"},
			{zh: "智能传感器", en: "smart sensor"},
			{zh: "光掩膜材料", en: "photomask materials", also: []string{"new-materials"}},
			{zh: "人工智能算力中心", en: "AI computing center"},
			{zh: "图像传感器芯片", en: "image sensor chip"},
			{zh: "导光板", en: "light guide plate"},
		}},
	{key: "high-end-equipment", mfg: true, zh: "高端装备制造", en: "high-end equipment manufacturing", lo: 8, hi: 10.2,
		coZh: []string{"智能装备", "精密机械", "重工", "航空科技", "机器人"},
		coEn: []string{"Intelligent Equipment", "Precision Machinery", "Heavy Industry", "Aviation Technology", "Robotics"},
		prods: []product{
			{zh: "工业机器人", en: "industrial robot", cap: cp("年产工业机器人#台", "# units a year", 2000, 30000, 1)},
			{zh: "高档数控机床", en: "high-end CNC machine tool"},
			{zh: "航空零部件", en: "aircraft component"},
			{zh: "智能制造装备", en: "intelligent manufacturing equipment"},
			{zh: "轨道交通装备", en: "rail transit equipment"},
			{zh: "海洋工程装备", en: "offshore engineering equipment"},
			{zh: "半导体设备精密零部件", en: "precision parts for semiconductor equipment", also: []string{"next-gen-it"}},
			{zh: "工业级无人机", en: "industrial drone"},
			{zh: "商业卫星制造", en: "commercial satellite manufacturing"},
		}},
	{key: "new-materials", mfg: true, zh: "新材料", en: "new materials", lo: 8, hi: 10.3,
		coZh: []string{"新材料", "材料科技", "高分子材料"},
		coEn: []string{"New Materials", "Materials Technology", "Polymer Materials"},
		prods: []product{
			{zh: "锂电池隔膜", en: "lithium battery separator", also: []string{"new-energy-vehicles"}, cap: cp("年产锂电池隔膜#亿平方米", "# million square meters a year", 2, 20, 100)},
			{zh: "高性能碳纤维", en: "high-performance carbon fiber", cap: cp("年产高性能碳纤维#吨", "# tonnes a year", 3000, 25000, 1)},
			{zh: "特种合金", en: "special alloy"},
			{zh: "石墨烯材料", en: "graphene materials"},
			{zh: "高端铝合金板带", en: "high-end aluminum alloy sheet and strip", cap: cp("年产铝合金板带#万吨", "# tonnes a year", 5, 60, 10000)},
			{zh: "可降解塑料", en: "biodegradable plastics"},
			{zh: "稀土永磁材料", en: "rare earth permanent magnet materials"},
			{zh: "电子特种气体", en: "electronic specialty gases"},
			{zh: "高性能膜材料", en: "high-performance membrane materials"},
		}},
	{key: "biotech", mfg: true, zh: "生物医药", en: "biomedicine", lo: 7.7, hi: 10,
		coZh: []string{"生物医药", "药业", "医疗器械", "生物科技"},
		coEn: []string{"Biopharmaceutical", "Pharmaceutical", "Medical Devices", "Biotechnology"},
		prods: []product{
			{zh: "创新药研发及产业化", en: "innovative drug R&D and production"},
			{zh: "高端医疗器械", en: "high-end medical device"},
			{zh: "疫苗", en: "vaccine"},
			{zh: "高值医用耗材", en: "high-value medical consumables"},
			{zh: "体外诊断试剂", en: "in vitro diagnostic reagent"},
			{zh: "中药配方颗粒", en: "traditional Chinese medicine granule"},
			{zh: "合成生物", en: "synthetic biology"},
			{zh: "生物医药产业园", en: "biomedicine industrial park"},
		}},
	{key: "new-energy-vehicles", mfg: true, zh: "新能源汽车", en: "new energy vehicles", lo: 8.5, hi: 10.8,
		coZh: []string{"新能源汽车", "动力电池", "汽车科技"},
		coEn: []string{"New Energy Vehicle", "Power Battery", "Automotive Technology"},
		prods: []product{
			{zh: "新能源汽车整车", en: "new energy vehicle assembly", cap: cp("年产新能源汽车#万辆", "# vehicles a year", 5, 30, 10000)},
			{zh: "动力电池", en: "power battery", cap: cp("年产#GWh动力电池", "# GWh a year", 5, 60, 1)},
			{zh: "电驱动系统", en: "electric drive system"},
			{zh: "充换电设施", en: "charging and battery-swap facilities"},
			{zh: "氢燃料电池汽车", en: "hydrogen fuel cell vehicle"},
			{zh: "智能网联汽车零部件", en: "intelligent connected vehicle component"},
			{zh: "动力电池回收利用", en: "power battery recycling", also: []string{"energy-saving-environmental"}},
		}},
	{key: "new-energy", mfg: true, zh: "新能源", en: "new energy", lo: 8.5, hi: 11,
		coZh: []string{"新能源", "光伏科技", "能源科技", "风电"},
		coEn: []string{"New Energy", "Photovoltaic Technology", "Energy Technology", "Wind Power"},
		prods: []product{
			{zh: "高效光伏组件", en: "high-efficiency photovoltaic module", cap: cp("年产#GW高效光伏组件", "# GW a year", 2, 20, 1)},
			{zh: "风电装备", en: "wind power equipment", also: []string{"high-end-equipment"}},
			{zh: "新型储能电站", en: "new-type energy storage power station"},
			{zh: "分布式光伏", en: "distributed photovoltaic power"},
			{zh: "绿氢制备", en: "green hydrogen production"},
			{zh: "单晶硅片", en: "monocrystalline silicon wafer"},
			{zh: "海上风电", en: "offshore wind farm"},
			{zh: "抽水蓄能电站", en: "pumped-storage hydropower station"},
			{zh: "风光储一体化", en: "integrated wind-solar-storage"},
		}},
	{key: "energy-saving-environmental", zh: "节能环保", en: "energy conservation and environmental protection", lo: 7.5, hi: 9.7,
		coZh: []string{"环保科技", "环境科技", "再生资源"},
		coEn: []string{"Environmental Technology", "Environment Technology", "Renewable Resources"},
		prods: []product{
			{zh: "固废资源化利用", en: "solid waste recycling", cap: cp("年处理固废#万吨", "# tonnes of solid waste a year", 10, 100, 10000)},
			{zh: "污水处理厂", en: "wastewater treatment plant"},
			{zh: "生活垃圾焚烧发电", en: "waste-to-energy incineration"},
			{zh: "节能环保装备", en: "energy-saving and environmental protection equipment"},
			{zh: "废旧动力电池回收", en: "used power battery recycling", also: []string{"new-energy-vehicles"}},
			{zh: "土壤修复", en: "soil remediation"},
		}},
	{key: "digital-creative", zh: "数字创意", en: "digital creative industries", lo: 7.5, hi: 9.5,
		coZh: []string{"文化科技", "数字科技", "传媒", "网络科技"},
		coEn: []string{"Culture Technology", "Digital Technology", "Media", "Network Technology"},
		prods: []product{
			{zh: "数字内容产业园", en: "digital content industrial park"},
			{zh: "动漫游戏研发", en: "animation and game development"},
			{zh: "影视制作基地", en: "film and television production base"},
			{zh: "电竞产业中心", en: "esports center"},
			{zh: "数字创意设计", en: "digital creative design"},
			{zh: "虚拟现实内容制作", en: "virtual reality content production"},
		}},
	{key: "tech-services", zh: "科技服务", en: "technology services", lo: 7, hi: 9.3,
		coZh: []string{"科技服务", "检测技术", "创业投资"},
		coEn: []string{"Technology Services", "Testing Technology", "Venture Capital"},
		prods: []product{
			{zh: "科技企业孵化器", en: "technology business incubator"},
			{zh: "检验检测中心", en: "testing and inspection center"},
			{zh: "科创投资基金", en: "technology venture fund"},
			{zh: "技术转移中心", en: "technology transfer center"},
			{zh: "中试基地", en: "pilot-scale testing base"},
			{zh: "研发总部", en: "R&D headquarters"},
		}},
	{key: "agriculture-food", mfg: true, zh: "现代农业和食品加工", en: "modern agriculture and food processing", lo: 7, hi: 9.5,
		coZh: []string{"农业科技", "食品", "农业发展", "乳业"},
		coEn: []string{"Agricultural Technology", "Food", "Agricultural Development", "Dairy"},
		prods: []product{
			{zh: "生猪养殖", en: "hog farming", cap: cp("年出栏生猪#万头", "# hogs a year", 10, 100, 10000)},
			{zh: "预制菜", en: "prepared dishes"},
			{zh: "果蔬精深加工", en: "deep processing of fruits and vegetables"},
			{zh: "乳制品加工", en: "dairy processing"},
			{zh: "粮油加工", en: "grain and edible oil processing", cap: cp("年加工粮食#万吨", "# tonnes of grain a year", 10, 80, 10000)},
			{zh: "茶叶精深加工", en: "tea processing"},
			{zh: "智慧农业产业园", en: "smart agriculture industrial park"},
			{zh: "食用菌工厂化种植", en: "industrial edible fungi cultivation"},
		}},
	{key: "mining-energy", mfg: true, zh: "能源矿产", en: "energy and mining", lo: 8.5, hi: 11,
		coZh: []string{"能源", "矿业", "燃气", "电力"},
		coEn: []string{"Energy", "Mining", "Gas", "Power"},
		prods: []product{
			{zh: "煤矿", en: "coal mine", cap: cp("年产原煤#万吨", "# tonnes of coal a year", 120, 1500, 10000)},
			{zh: "高效清洁燃煤发电机组", en: "high-efficiency coal-fired power unit"},
			{zh: "天然气储气库", en: "natural gas storage facility"},
			{zh: "LNG接收站", en: "LNG receiving terminal"},
			{zh: "油气勘探开发", en: "oil and gas exploration and development"},
			{zh: "煤层气开发", en: "coalbed methane development"},
			{zh: "铁矿采选", en: "iron ore mining and processing"},
		}},
	{key: "chemicals", mfg: true, zh: "石油化工", en: "petrochemicals", lo: 8.5, hi: 11,
		coZh: []string{"化工", "石化", "化学"},
		coEn: []string{"Chemical", "Petrochemical", "Chemistry"},
		prods: []product{
			{zh: "精细化工", en: "fine chemicals"},
			{zh: "乙烯", en: "ethylene", cap: cp("年产#万吨乙烯", "# tonnes a year", 60, 150, 10000)},
			{zh: "炼化一体化", en: "integrated refining and chemicals"},
			{zh: "氟化工", en: "fluorochemical"},
			{zh: "农药中间体", en: "pesticide intermediates"},
			{zh: "环保涂料", en: "eco-friendly coatings"},
		}},
	{key: "textiles-light-industry", mfg: true, zh: "纺织轻工", en: "textiles and light industry", lo: 7.5, hi: 9.7,
		coZh: []string{"纺织", "服饰", "家居", "纸业", "电器"},
		coEn: []string{"Textile", "Apparel", "Home Furnishing", "Paper", "Electric Appliance"},
		prods: []product{
			{zh: "高端纺织面料", en: "high-end textile fabric"},
			{zh: "服装智能制造", en: "smart garment manufacturing"},
			{zh: "定制家具", en: "custom furniture"},
			{zh: "高档生活用纸", en: "tissue paper"},
			{zh: "小家电", en: "small household appliance", cap: cp("年产小家电#万台", "# units a year", 100, 1000, 10000)},
			{zh: "运动鞋服", en: "sportswear and footwear"},
			{zh: "纸制品包装", en: "paper packaging"},
		}},
	{key: "traditional-manufacturing", mfg: true, zh: "装备制造和建材", en: "machinery, auto parts and building materials", lo: 8, hi: 10.2,
		coZh: []string{"机械", "汽车零部件", "建材", "钢铁", "铸造"},
		coEn: []string{"Machinery", "Auto Parts", "Building Materials", "Steel", "Casting"},
		prods: []product{
			{zh: "特钢", en: "special steel"},
			{zh: "绿色建材", en: "green building materials"},
			{zh: "汽车零部件", en: "auto parts"},
			{zh: "工程机械", en: "construction machinery"},
			{zh: "精密铸造", en: "precision casting"},
			{zh: "通用机械", en: "general machinery"},
			{zh: "商用车", en: "commercial vehicle"},
		}},
	{key: "logistics-trade", zh: "现代物流和商贸", en: "logistics and trade", lo: 7.7, hi: 10,
		coZh: []string{"物流", "供应链", "商贸", "国际贸易"},
		coEn: []string{"Logistics", "Supply Chain", "Trading", "International Trade"},
		prods: []product{
			{zh: "冷链物流园", en: "cold-chain logistics park"},
			{zh: "跨境电商产业园", en: "cross-border e-commerce industrial park"},
			{zh: "保税物流中心", en: "bonded logistics center"},
			{zh: "智慧物流园", en: "smart logistics park"},
			{zh: "商贸综合体", en: "commercial complex"},
			{zh: "农产品批发市场", en: "agricultural products wholesale market"},
			{zh: "国际陆港", en: "international inland port"},
		}},
	{key: "real-estate-construction", zh: "城市建设", en: "urban development and construction", lo: 8.5, hi: 10.7,
		coZh: []string{"置业", "建设", "城市发展", "建工"},
		coEn: []string{"Real Estate", "Construction", "Urban Development", "Construction Engineering"},
		prods: []product{
			{zh: "城市更新", en: "urban renewal"},
			{zh: "装配式建筑", en: "prefabricated building", also: []string{"traditional-manufacturing"}},
			{zh: "商住综合体", en: "mixed-use residential and commercial complex"},
			{zh: "人才公寓", en: "talent apartment"},
			{zh: "产业新城", en: "industrial new town"},
			{zh: "片区综合开发", en: "district development"},
		}},
	{key: "culture-tourism", zh: "文化旅游", en: "culture and tourism", lo: 7.5, hi: 10.3,
		coZh: []string{"文旅", "旅游发展", "文化旅游"},
		coEn: []string{"Cultural Tourism", "Tourism Development", "Culture and Tourism"},
		prods: []product{
			{zh: "文旅综合体", en: "cultural tourism complex"},
			{zh: "旅游度假区", en: "tourist resort"},
			{zh: "主题乐园", en: "theme park"},
			{zh: "古镇保护开发", en: "ancient town restoration"},
			{zh: "温泉度假区", en: "hot spring resort"},
			{zh: "乡村旅游", en: "rural tourism"},
			{zh: "研学基地", en: "study-tour base"},
			{zh: "房车露营地", en: "RV campsite"},
		}},
	{key: "finance-business-services", zh: "金融和商务服务", en: "finance and business services", lo: 7.5, hi: 9.7,
		coZh: []string{"投资", "商务服务", "控股", "金融服务"},
		coEn: []string{"Investment", "Business Services", "Holdings", "Financial Services"},
		prods: []product{
			{zh: "区域总部", en: "regional headquarters"},
			{zh: "金融服务中心", en: "financial services center"},
			{zh: "供应链金融平台", en: "supply-chain finance platform"},
			{zh: "共享服务中心", en: "shared service center"},
			{zh: "人力资源服务产业园", en: "human resources service industrial park"},
			{zh: "会展中心", en: "convention and exhibition center"},
		}},
	{key: "health-education-services", zh: "医疗康养和教育", en: "healthcare, elderly care and education", lo: 7.5, hi: 9.7,
		coZh: []string{"医疗健康", "健康产业", "教育科技", "养老服务"},
		coEn: []string{"Healthcare", "Health Industry", "Education Technology", "Elderly Care"},
		prods: []product{
			{zh: "康养社区", en: "elderly care community"},
			{zh: "综合医院", en: "general hospital"},
			{zh: "国际学校", en: "international school"},
			{zh: "职业技能培训基地", en: "vocational training base"},
			{zh: "康复医院", en: "rehabilitation hospital"},
			{zh: "托育服务中心", en: "childcare center"},
		}},
}

// sectorByKey finds a sector.
func sectorByKey(key string) *sector {
	for _, s := range sectors {
		if s.key == key {
			return s
		}
	}
	return nil
}
