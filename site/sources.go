package main

// Texts of the Sources page's recognition panel (tool, layout, kind
// confidence and runner-up, aggregate tables) and of the engine's notes
// on file structure, in English and Arabic.

func init() {
	addCatalog(map[string]string{
		"sources.tool":        "Recognised as",
		"sources.kindSure":    "Kind confidence",
		"sources.runnerUp":    "Next best kind",
		"sources.askKind":     "Qalb is not sure what this file holds. Please check its kind.",
		"sources.tables":      "Tables in the report",
		"sources.table":       "Table {0}",
		"sources.period":      "Period",
		"sources.metricSum":   "total",
		"sources.metricMean":  "mean",
		"sources.aggregateNo": "An aggregate report holds counts, not customers: it adds no customers and no row is rejected for lacking one.",
	}, map[string]string{
		"sources.tool":        "تم التعرف عليه كـ",
		"sources.kindSure":    "الثقة في النوع",
		"sources.runnerUp":    "النوع التالي الأرجح",
		"sources.askKind":     "لم يتأكد قلب مما يحتويه هذا الملف. يُرجى التحقق من نوعه.",
		"sources.tables":      "الجداول في التقرير",
		"sources.table":       "الجدول {0}",
		"sources.period":      "الفترة",
		"sources.metricSum":   "المجموع",
		"sources.metricMean":  "المتوسط",
		"sources.aggregateNo": "التقرير الإجمالي يحوي أعدادًا لا عملاء: لا يضيف عملاء ولا يُرفض أي صف لخلوه من عميل.",

		"msg.tables":       "يحوي الملف {0} جداول لكل منها ترويسته؛ قُرئت صفوفها معًا",
		"msg.commentLines": "{0} سطر تعليق (#) قبل الترويسة حُفظت بيانات وصفية للملف",
		"msg.qualtrics":    "دُمجت صفوف الترويسة ٢–{0} (عناوين أسئلة Qualtrics)",
		"msg.testModeRows": "{0} دفعة في وضع الاختبار أُبقيت خارج الإيرادات",
		"msg.internalRows": "{0} حركة داخلية (تحويل عملات، سحب، حجز) أُبقيت خارج الإيرادات",
	})
}
