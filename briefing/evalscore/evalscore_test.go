package evalscore

import (
	"math"
	"os"
	"reflect"
	"testing"
)

func ptr(s string) *string { return &s }

func TestSameSpeaker(t *testing.T) {
	tests := []struct {
		gold *string
		pred string
		want bool
	}{
		{ptr("Dmitry Peskov"), "Peskov", true},
		{ptr("Peskov"), "Dmitry Peskov", true},
		{ptr("Gitanas Nausėda"), "Nauseda", true},
		{ptr("Marco Rubio Jr."), "Rubio", true},
		{ptr("anonymous"), "anonymous", true},
		{ptr("anonymous"), "a source", false},
		{ptr("Dmitry Peskov"), "anonymous", false},
		{ptr("Giorgia Meloni's office"), "Giorgia Meloni", true}, // the pred's last token is in the gold
		{ptr("The Telegraph"), "Telegraph", true},
		{ptr("Dmitry Peskov"), "", false},
		{nil, "", true},
		{ptr("Volodymyr Zelensky"), "Olena Zelenska", false},
	}
	for _, tt := range tests {
		if got := SameSpeaker(tt.gold, tt.pred); got != tt.want {
			g := "<nil>"
			if tt.gold != nil {
				g = *tt.gold
			}
			t.Errorf("SameSpeaker(%q, %q) = %v, want %v", g, tt.pred, got, tt.want)
		}
	}
}

func TestTokens(t *testing.T) {
	got := Tokens("NATO’s Nausėda: (H)aving—A4 sized, 30,000!")
	want := []string{"nato", "s", "nauseda", "h", "aving", "a4", "sized", "30", "000"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Tokens = %q, want %q", got, want)
	}
	if f := TokenF1(Tokens("a b c d"), Tokens("a b")); math.Abs(f-2.0/3) > 1e-9 {
		t.Errorf("TokenF1 = %v", f)
	}
}

// TestScoreMatchesPython: the figures score.py printed for testdata/
// (python3 score.py testdata/gold testdata/preds.jsonl).
func TestScoreMatchesPython(t *testing.T) {
	gold, err := LoadGold("testdata/gold")
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("testdata/preds.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	preds, err := ReadPredictions(data)
	if err != nil {
		t.Fatal(err)
	}
	main := Score(gold, preds, MainKinds...)
	if main.Gold != 5 || main.Pred != 8 || main.Text != 6 || main.Attributed != 4 {
		t.Errorf("main counts = %+v", main)
	}
	near := func(name string, got, want float64) {
		if math.Abs(got-want) > 1e-9 {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	near("precision", main.Precision, 0.5)
	near("recall", main.Recall, 0.8)
	near("speaker accuracy", main.SpeakerAccuracy, 0.6)
	near("f1", main.F1, 0.6153846153846154)
	wantRows := []Row{{"a.txt", 4, 5, 4, 3}, {"b.txt", 2, 3, 2, 1}}
	if !reflect.DeepEqual(main.Rows, wantRows) {
		t.Errorf("rows = %+v, want %+v", main.Rows, wantRows)
	}
	if len(main.Details) != 4 {
		t.Errorf("details = %q", main.Details)
	}
	side := Score(gold, preds, SideKinds...)
	if side.Gold != 1 || side.Pred != 2 || side.Text != 1 || side.Attributed != 1 {
		t.Errorf("side counts = %+v", side)
	}
	near("side precision", side.Precision, 0.5)
	near("side recall", side.Recall, 1)
	near("side f1", side.F1, 0.6666666666666666)
}

func TestLoadGoldErrors(t *testing.T) {
	if _, err := LoadGold(t.TempDir()); err == nil {
		t.Error("LoadGold on an empty dir: want an error")
	}
	dir := t.TempDir()
	if err := os.WriteFile(dir+"/x.json", []byte("{"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadGold(dir); err == nil {
		t.Error("LoadGold on bad JSON: want an error")
	}
	if _, err := ReadPredictions([]byte("{}\nnot json")); err == nil {
		t.Error("ReadPredictions on bad JSON: want an error")
	}
}
