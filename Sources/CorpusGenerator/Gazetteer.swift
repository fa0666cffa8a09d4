// Real places the generated departments belong to: provinces, their
// prefecture-level divisions, and county-level divisions under each. Only
// names that are unique across China are listed (no 新城区, 城关区, 鼓楼区),
// so a region can be inferred from a department name alone, as it must be
// for the seeds (CORPUS-GUIDE §1: "Region. Never stated as a field").

struct Province: Sendable {
  /// As the region path starts: 新疆, 河南.
  let short: String
  /// As a title prefix may name it: 新疆维吾尔自治区, 河南省.
  let full: String
  let prefectures: [Prefecture]
}

struct Prefecture: Sendable {
  /// Full name: 昌吉回族自治州, 郑州市, 阿克苏地区.
  let name: String
  /// The short form documents use for autonomous prefectures: 昌吉州.
  let alias: String?
  let counties: [String]
}

enum Gazetteer {
  static let provinces: [Province] = [
    Province(short: "新疆", full: "新疆维吾尔自治区", prefectures: [
      Prefecture(name: "乌鲁木齐市", alias: nil, counties: ["天山区", "沙依巴克区", "米东区", "乌鲁木齐县"]),
      Prefecture(name: "昌吉回族自治州", alias: "昌吉州",
                 counties: ["昌吉市", "阜康市", "呼图壁县", "玛纳斯县", "奇台县", "吉木萨尔县"]),
      Prefecture(name: "巴音郭楞蒙古自治州", alias: "巴州",
                 counties: ["库尔勒市", "和静县", "轮台县", "尉犁县", "焉耆回族自治县", "博湖县"]),
      Prefecture(name: "伊犁哈萨克自治州", alias: "伊犁州",
                 counties: ["伊宁市", "霍城县", "察布查尔锡伯自治县", "新源县", "特克斯县"]),
      Prefecture(name: "阿克苏地区", alias: nil, counties: ["阿克苏市", "库车市", "温宿县", "沙雅县", "拜城县"]),
    ]),
    Province(short: "河南", full: "河南省", prefectures: [
      Prefecture(name: "郑州市", alias: nil, counties: ["金水区", "中原区", "二七区", "新郑市", "登封市", "中牟县"]),
      Prefecture(name: "洛阳市", alias: nil, counties: ["洛龙区", "涧西区", "栾川县", "嵩县", "汝阳县", "宜阳县"]),
      Prefecture(name: "南阳市", alias: nil, counties: ["宛城区", "卧龙区", "邓州市", "南召县", "西峡县", "淅川县"]),
      Prefecture(name: "信阳市", alias: nil, counties: ["浉河区", "平桥区", "固始县", "商城县", "光山县"]),
    ]),
    Province(short: "四川", full: "四川省", prefectures: [
      Prefecture(name: "成都市", alias: nil, counties: ["锦江区", "青羊区", "武侯区", "郫都区", "都江堰市", "大邑县"]),
      Prefecture(name: "绵阳市", alias: nil, counties: ["涪城区", "游仙区", "江油市", "三台县", "梓潼县"]),
      Prefecture(name: "凉山彝族自治州", alias: "凉山州", counties: ["西昌市", "盐源县", "德昌县", "冕宁县", "喜德县"]),
      Prefecture(name: "甘孜藏族自治州", alias: "甘孜州", counties: ["康定市", "泸定县", "丹巴县", "理塘县"]),
    ]),
    Province(short: "甘肃", full: "甘肃省", prefectures: [
      Prefecture(name: "兰州市", alias: nil, counties: ["七里河区", "安宁区", "榆中县", "永登县", "皋兰县"]),
      Prefecture(name: "天水市", alias: nil, counties: ["秦州区", "麦积区", "甘谷县", "武山县", "秦安县"]),
      Prefecture(name: "临夏回族自治州", alias: "临夏州", counties: ["临夏市", "永靖县", "广河县", "和政县", "东乡族自治县"]),
    ]),
    Province(short: "云南", full: "云南省", prefectures: [
      Prefecture(name: "昆明市", alias: nil, counties: ["五华区", "盘龙区", "官渡区", "呈贡区", "宜良县"]),
      Prefecture(name: "大理白族自治州", alias: "大理州", counties: ["大理市", "祥云县", "宾川县", "弥渡县", "洱源县", "剑川县"]),
      Prefecture(name: "红河哈尼族彝族自治州", alias: "红河州", counties: ["蒙自市", "个旧市", "开远市", "建水县", "石屏县"]),
    ]),
    Province(short: "湖南", full: "湖南省", prefectures: [
      Prefecture(name: "长沙市", alias: nil, counties: ["芙蓉区", "天心区", "岳麓区", "开福区", "浏阳市", "宁乡市"]),
      Prefecture(name: "岳阳市", alias: nil, counties: ["岳阳楼区", "君山区", "华容县", "湘阴县", "平江县", "汨罗市"]),
      Prefecture(name: "湘西土家族苗族自治州", alias: "湘西州", counties: ["吉首市", "泸溪县", "凤凰县", "花垣县", "保靖县"]),
    ]),
    Province(short: "广西", full: "广西壮族自治区", prefectures: [
      Prefecture(name: "南宁市", alias: nil, counties: ["青秀区", "兴宁区", "西乡塘区", "武鸣区", "隆安县", "马山县"]),
      Prefecture(name: "桂林市", alias: nil, counties: ["秀峰区", "叠彩区", "七星区", "阳朔县", "龙胜各族自治县"]),
      Prefecture(name: "百色市", alias: nil, counties: ["右江区", "田东县", "德保县", "靖西市", "凌云县"]),
    ]),
    Province(short: "内蒙古", full: "内蒙古自治区", prefectures: [
      Prefecture(name: "呼和浩特市", alias: nil, counties: ["回民区", "玉泉区", "赛罕区", "土默特左旗", "托克托县", "和林格尔县"]),
      Prefecture(name: "鄂尔多斯市", alias: nil, counties: ["东胜区", "康巴什区", "达拉特旗", "准格尔旗", "鄂托克旗", "伊金霍洛旗"]),
      Prefecture(name: "呼伦贝尔市", alias: nil, counties: ["海拉尔区", "满洲里市", "牙克石市", "扎兰屯市", "阿荣旗"]),
    ]),
  ]
}
