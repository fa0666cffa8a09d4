// Where a department sits and how its names are built from that: the party
// committee (中共X委员会), the government office (X人民政府办公室, or 行政公署
// for a 地区), the level word of 县委/全县, and the region path of the truth.

/// Where one department sits: a prefecture, or a county under it.
struct Place: Sendable {
  let province: Province
  let prefecture: Prefecture
  /// nil for a prefecture-level department.
  let county: String?
  /// Whether the department's name spells out the prefecture before the
  /// county (`中共成都市郫都区委员会`, `成都市郫都区审计局`), as district bodies often do.
  var qualified = false

  init(province: Province, prefecture: Prefecture, county: String?) {
    self.province = province
    self.prefecture = prefecture
    self.county = county
  }

  /// The place as the department's official name spells it.
  var official: String { qualified && county != nil ? prefecture.name + local : local }

  /// The place as a department name uses it: 和静县, 昌吉回族自治州.
  var local: String { county ?? prefecture.name }

  /// The region path the ground truth states: `新疆 巴音郭楞蒙古自治州 和静县`.
  var region: String {
    [province.short, prefecture.name, county].compactMap { $0 }.joined(separator: " ")
  }

  /// The party committee: 中共和静县委员会.
  var partyCommittee: String { "中共" + official + "委员会" }

  /// The party committee as bodies abbreviate it: 中共和静县委.
  var partyCommitteeShort: String { "中共" + local + "委" }

  /// The government office: 地区 have an administrative office (行政公署), not a people's government.
  var governmentOffice: String {
    local.hasSuffix("地区") ? official + "行政公署办公室" : official + "人民政府办公室"
  }

  /// How the body sometimes abbreviates the place (昌吉州), when it has a short form.
  var shortLocal: String { county ?? prefecture.alias ?? prefecture.name }

  /// The level below this place: 县市 for a prefecture, 乡镇 for a county.
  var lowerLevel: String { county == nil ? "县市" : "乡镇" }
}

extension Place {
  /// The one-character level word: 县, 市, 州, 区, 旗 (地区 → 地, as in 地委).
  var levelWord: String {
    if local.hasSuffix("地区") { return "地" }
    return String(local.last!)
  }

  /// Fills a vocabulary template: `{W}` → 县委/地委 (the party committee), `{S}` → 县/地区, `{P}` → the place.
  func fill(_ template: String) -> String {
    let area = local.hasSuffix("地区") ? "地区" : levelWord
    return Template.fill(template, ["W": levelWord + "委", "S": area, "P": local])
  }
}
