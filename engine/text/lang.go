package text

// Lang is the language of a text as the scorers see it.
type Lang string

const (
	English Lang = "en"
	Arabic  Lang = "ar"
	Mixed   Lang = "mixed" // Arabic and English words, both a good part of the text
	French  Lang = "fr"
	Spanish Lang = "es"
	German  Lang = "de"
	Other   Lang = "other" // letters of another script or a Latin-script language not told apart
	None    Lang = ""      // no words: empty, digits, only emoji or punctuation
)

// Scored reports whether the engine has resources to score texts of l.
// Texts in other languages are counted under their language and left
// unscored: never read with the English lexicon by accident.
func (l Lang) Scored() bool { return l == English || l == Arabic || l == Mixed || l == None }

// Common words that tell Latin-script languages apart: function words and
// the most frequent words of reviews. A word that is common to two of them
// ("a", "no", "me") is left out.
var latinMarkers = map[string]Lang{}

func init() {
	add := func(l Lang, words string) {
		w := ""
		for i := 0; i <= len(words); i++ {
			if i == len(words) || words[i] == ' ' {
				if w != "" {
					latinMarkers[w] = l
				}
				w = ""
				continue
			}
			w += string(words[i])
		}
	}
	add(English, "the and is was are were to of it this that with for not but my you your they very have has had "+
		"i i'm it's don't didn't be been will would can could just so what when if from at on or "+
		"good great bad love delivery staff would we our us "+
		"by as about all there their he she his her who how like out up one")
	add(French, "le la les et est une des du pas très je pour avec c'est mais vous nous il elle sont "+
		"était bien mauvais bon bonne merci produit livraison commande ce cette qui au aux")
	add(Spanish, "el los las y es muy pero que con por una para lo del está estaba son fue "+
		"bueno buena malo mala excelente gracias producto entrega pedido servicio nada mi")
	add(German, "der das und ist nicht sehr ich mit ein eine zu auch war sind wir sie "+
		"gut schlecht danke produkt lieferung bestellung aber wie für auf noch")
}

// detect tells a text's language from its tokens: Arabic script against
// Latin script by words, then for Latin script which language's common
// words it has most. A few accented letters (é ñ ü ß) decide a short text
// with no common word.
func detect(s string, toks []token) Lang {
	ar, la, other := 0, 0, 0
	votes := map[Lang]int{}
	for _, t := range toks {
		if t.kind != wordToken {
			continue
		}
		switch t.script {
		case arabicScript:
			ar++
		case latinScript:
			la++
			if l, ok := latinMarkers[t.norm]; ok {
				votes[l]++
			} else if l := accentLang(t.norm); l != None {
				votes[l]++
			}
		case otherScript:
			other++
		}
	}
	switch {
	case ar == 0 && la == 0 && other == 0:
		return None
	case ar > 0 && la > 0 && 4*ar >= ar+la && 4*la >= ar+la && la >= 2:
		if latinLang(s, toks, votes) == English {
			return Mixed
		}
		return Arabic // Arabic with some French (Maghrebi): the Arabic part is scored
	case ar >= la && ar >= other:
		return Arabic
	case other > la:
		return Other
	}
	return latinLang(s, toks, votes)
}

func latinLang(s string, toks []token, votes map[Lang]int) Lang {
	best, bestN := English, votes[English]
	for _, l := range []Lang{French, Spanish, German} {
		if votes[l] > bestN {
			best, bestN = l, votes[l]
		}
	}
	// One common word of another language decides only a text with no
	// English one ("le suck" is French, "Three die in crash" English).
	if best != English && (bestN >= 2 || votes[English] == 0) {
		return best
	}
	if votes[English] > 0 {
		return English
	}
	// No common word in a short text: accented letters that English does
	// not use (a long one with no common word is more likely English with a name).
	words := 0
	for _, t := range toks {
		if t.script == latinScript {
			words++
		}
	}
	if words > 4 {
		return English
	}
	if l := accentLang(s); l != None {
		return l
	}
	return English
}

// accentLang tells a language by letters English does not use.
func accentLang(s string) Lang {
	for _, r := range s {
		switch r {
		case 'é', 'è', 'ê', 'à', 'ç', 'ù', 'â', 'ô', 'î', 'œ':
			return French
		case 'ñ', 'á', 'í', 'ó', 'ú', '¿', '¡':
			return Spanish
		case 'ä', 'ö', 'ü', 'ß':
			return German
		}
	}
	return None
}
