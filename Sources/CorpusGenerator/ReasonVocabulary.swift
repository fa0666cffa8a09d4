// Causes that disclosures give for a change, most frequent first (ranks are
// drawn Zipf-like, see ZipfTable). Placeholders: {Y} report year, {Y1} the
// year before, {N} a small count, {PRJ} one of the department's projects,
// {ITEM} the item's own name. Punctuation is canonical ASCII (`,` `:` `;`),
// rendered per document (TextStyle); `、` and `“”` are kept as written.

enum ReasonTopic: Sendable, CaseIterable {
  case staffUp, staffDown, payUp, pensionUp, pensionDown, medicalUp, medicalDown, housingUp, housingDown
  case retireesUp, retireesDown, projectUp, projectNew, projectDown, projectEnded, otherUp, otherDown
  case carDown, carUp, receptionDown, receptionUp, abroadUp, abroadDown
  case runningDown, runningUp, newUnit, itemNew, itemGone, zeroBoth, noAbroad
  case varianceOver, varianceUnder, varianceNone
}

enum ReasonVocabulary {
  static func causes(_ topic: ReasonTopic) -> [String] {
    switch topic {
    case .staffUp:
      return ["新增在职人员", "在职人员增加", "新录用公务员{N}名", "人员调入{N}人", "在职人员增加{N}人", "新招录事业编制人员{N}名",
              "选调生到岗{N}人", "人员转隶划入{N}人", "新增驻村工作人员"]
    case .staffDown:
      return ["在职人员减少", "在职人员减少{N}人", "人员调出{N}人", "部分人员退休", "驻村人员减少{N}名", "人员转隶至其他单位",
              "机构改革人员划转", "借调人员返回原单位", "在职人员自然减员"]
    case .payUp:
      return ["在职人员工资基数调增", "在职人员工资调增", "工资正常晋升", "调整津贴补贴标准", "发放在职人员基础绩效奖",
              "落实年度考核奖励", "职务职级晋升", "兑现{Y1}年度绩效奖金", "调增乡镇工作补贴", "艰苦边远地区津贴标准提高"]
    case .pensionUp:
      return ["在职人员工资基数调增,养老缴费基数上涨", "养老保险缴费基数调增", "在职人员工资调增,职业年金缴费支出增加",
              "缴费人数增加", "补缴以前年度职业年金", "社保缴费基数上调"]
    case .pensionDown:
      return ["缴费人数减少", "在职人员减少,养老保险缴费减少", "上年补缴以前年度养老保险,本年无此项支出", "职业年金缴费人数减少"]
    case .medicalUp:
      return ["在职人员工资基数调增,医疗缴费基数上涨", "医疗保险缴费基数调增", "参保人数增加", "公务员医疗补助标准提高"]
    case .medicalDown:
      return ["参保人数减少", "根据{Y}年医疗制度改革,退休人员医疗未做预算", "在职人员减少,医疗保险缴费减少", "医疗保险缴费比例下调"]
    case .housingUp:
      return ["在职人员工资基数调增,公积金缴费基数上涨", "住房公积金缴费基数调增", "住房公积金缴存人数增加", "住房公积金缴存比例提高"]
    case .housingDown:
      return ["在职人员减少,住房公积金缴存减少", "住房公积金缴存人数减少", "住房公积金缴存比例下调"]
    case .retireesUp:
      return ["退休人员增加", "退休人员增加{N}人", "离退休人员工资调增", "退休人员生活补贴标准提高", "发放退休人员一次性补贴"]
    case .retireesDown:
      return ["退休人员减少", "离休人员去世{N}人", "退休人员移交社会化管理", "上年发放一次性抚恤金,本年无此项支出"]
    case .projectUp:
      return ["{PRJ}项目支出增加", "增加{PRJ}支出", "年中追加{PRJ}", "业务工作量增加,{PRJ}支出增加", "承接上级下达的专项工作任务",
              "{PRJ}工作任务增加", "新增工作队为民办实事经费"]
    case .projectNew:
      return ["新增{PRJ}项目", "新增{PRJ}", "本年新设{PRJ}", "新增{PRJ},相应支出增加"]
    case .projectDown:
      return ["{PRJ}项目支出减少", "减少{PRJ}项目费用", "压减一般性支出,项目经费减少", "落实过紧日子要求,压减项目支出",
              "部分项目资金由上级直接支付", "{PRJ}工作任务减少"]
    case .projectEnded:
      return ["{PRJ}项目已完成", "本年未安排{PRJ}", "上年一次性项目本年未安排", "项目结束,相关支出减少", "减少{PRJ}项目"]
    case .otherUp:
      return ["增加党员教育活动经费", "新增驻村工作经费", "增加工会经费支出", "发放困难职工慰问金", "新增其他工作经费"]
    case .otherDown:
      return ["驻村工作经费减少", "其他工作经费减少", "上年发放的一次性补助本年未发放", "减少其他支出"]
    case .carDown:
      return ["公务用车划转至{UP}", "公务用车减少{N}辆", "严格公车管理,降低运行成本", "车辆报废{N}辆", "公务用车改革,车辆统一管理",
              "严格落实中央八项规定精神,厉行节约,减少公务用车运行维护费", "公务出行次数减少,燃油费减少"]
    case .carUp:
      return ["车辆老化,维修费用增加", "新购置公务用车{N}辆", "下乡督导检查增加,燃油费增加", "油价上涨,燃油费增加", "车辆保险费用增加"]
    case .receptionDown:
      return ["严格落实中央八项规定精神,减少公务接待", "厉行节约,压减公务接待费", "上级来访检查减少", "严格执行接待标准,接待批次减少"]
    case .receptionUp:
      return ["因工作需要,业务活动有所增加", "上级检查调研增加", "接待外省市考察交流团组增加", "承办全{S}现场会,接待任务增加"]
    case .abroadUp:
      return ["根据工作安排,组织赴外考察学习", "参加对外交流活动"]
    case .abroadDown:
      return ["本年未安排出国(境)团组", "严格控制因公出国(境)"]
    case .runningDown:
      return ["厉行节约,压缩日常公用经费", "减少外出培训,交通费及差旅费经费减少", "严控经费支出,厉行节约,减少经费支出",
              "落实过紧日子要求,压减办公费和差旅费", "公务用车划转,运行维护费减少", "会议费、培训费减少", "水电暖等运行费用减少"]
    case .runningUp:
      return ["在职人员增加,公用经费相应增加", "取暖费标准提高", "办公场所搬迁,物业管理费增加", "差旅费增加", "新增办公设备购置"]
    case .newUnit:
      return ["我单位是{Y}年{M}月新成立的单位,无上年数据", "本单位于{Y}年{M}月新组建,上年无支出", "新成立单位,上年无此项支出"]
    case .itemNew:
      return ["本年新增{ITEM}支出", "上年未列支该科目,本年新增", "本年新列支{ITEM}", "人员转隶划入,新增相关支出", "科目调整,本年在此列支"]
    case .itemGone:
      return ["本年无此项支出", "该项支出调整至其他科目列支", "{ITEM}本年未发生", "人员转隶,相关支出不再列支"]
    case .zeroBoth:
      return ["{Y1}年与{Y}年均未安排{ITEM}支出", "本年度未安排{ITEM}支出", "本单位无{ITEM}", "{Y1} 与 {Y} 年均未安排{ITEM}"]
    case .noAbroad:
      return ["本单位无因公出国(境)费", "本年度未安排因公出国(境)费支出", "{Y1}年与{Y}年均未安排因公出国(境)费支出"]
    case .varianceOver:
      return ["年中追加人员经费", "本年在职人员增加,年中追加人员经费及人员工资、社保、公积金基数调增部分资金", "年中追加{PRJ}",
              "年中新增专项工作任务,追加预算", "上级补助资金年中下达"]
    case .varianceUnder:
      return ["年中调减机关运行补助经费", "年初预算中包含提前下达的项目经费,年中执行实际由相关单位执行", "部分项目资金未拨付",
              "厉行节约,压减一般性支出", "{PRJ}年中调减", "人员减少,年中调减人员经费"]
    case .varianceNone:
      return ["严格按照预算执行,预决算无差异", "严格按照预算执行", "无差异"]
    }
  }

  /// What usually follows a cause, by direction; "" means nothing follows.
  static let upConsequences = ["", ",人员经费增加", ",相应支出增加", ",导致经费较上年有所增加", ",支出相应增加", ",相关经费增加"]
  static let downConsequences = ["", ",相关人员经费较上年减少", ",相应支出减少", ",导致经费较上年减少", ",支出相应减少", ",经费减少"]
  static let budgetUpConsequences = [",因此预算较上年增加", ",预算较上年增加", "", ",预算相应增加"]
  static let budgetDownConsequences = [",因此预算较上年减少", ",预算较上年减少", "", ",预算相应减少"]
  static let varianceConsequences = [",导致预决算存在差异", "", ",导致预决算差异"]

  /// Who is speaking, before the cause.
  static let leads = ["本年", "", "本年度", "我单位", "本单位", "我部门", "今年"]
}
