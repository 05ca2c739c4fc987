package main

// The Arabic of the engine's messages about its resource budget
// (engine/ingest/limits.go) and about the set of files of an analysis (the
// same content twice, mapping entries that match nothing). The English is
// the engine's own (i18n_en.go adds every engine/message text).
func init() {
	addCatalog(nil, map[string]string{
		"msg.sheetName":        "الورقة {0}",
		"msg.limitInflated":    "يتضخّم {0} عند فك ضغطه إلى {1} ميغابايت، أكثر من {2} ميغابايت المسموح بها لملف بهذا الحجم (قنبلة ضغط؟)؛ لم يُقرأ الملف",
		"msg.limitTag":         "{0}، الصف {1}: وسم XML أطول من {2} كيلوبايت؛ لم يُقرأ الملف",
		"msg.limitText":        "{0}، الصف {1}: نص أطول من {2} ميغابايت (لا تتسع خلية Excel لأكثر من 32767 حرفًا)؛ لم يُقرأ الملف",
		"msg.limitRows":        "في {0} أكثر من {1} صف (حدّ Excel)؛ لم يُقرأ الملف",
		"msg.limitCells":       "{0}، في الصف {1} أكثر من {2} خلية (حدّ Excel)؛ لم يُقرأ الملف",
		"msg.limitStrings":     "في {0} أكثر من {1} نص مشترك، أكثر مما يحمله ملف بهذا الحجم؛ لم يُقرأ الملف",
		"msg.limitKeys":        "في السجلات أكثر من {0} حقل مختلف: قُرئت الحقول الأكثر تكرارًا فقط",
		"msg.limitColumns":     "في الترويسة {0} عمود: قُرئ أول {1} منها فقط",
		"msg.limitHeaderNotes": "{0} عمودًا آخر بلا اسم أو باسم مكرر",
		"msg.limitHeaderName":  "اسم العمود {0} أطول من {1} بايت فاختُصر",
		"msg.sameContent":      "المحتوى نفسه في {0}: قُرئ مرة واحدة",
		"msg.mappingFile":      "يذكر ملف الربط الملف {0}، وهو ليس من الملفات المعطاة",
		"msg.mappingColumn":    "يذكر ملف الربط العمود {0}، وليس في هذا الملف",
	})
}
