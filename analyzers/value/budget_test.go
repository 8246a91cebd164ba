package value

import (
	"strings"
	"testing"
)

func TestBudget(t *testing.T) {
	t.Run("a value over the cap is refused and reported once", func(t *testing.T) {
		b := NewBudget(0)
		if ok, msg := b.Charge(MaxValue + 1); ok || !strings.Contains(msg, "limit of one value") {
			t.Fatalf("Charge(MaxValue+1) = %v, %q", ok, msg)
		}
		if ok, msg := b.Charge(MaxValue + 1); ok || msg != "" {
			t.Fatalf("second Charge(MaxValue+1) = %v, %q; want false and no second report", ok, msg)
		}
		if ok, _ := b.Charge(10); !ok {
			t.Fatal("a small value after a refused large one is still allowed")
		}
	})
	t.Run("bytes run out in proportion to the file", func(t *testing.T) {
		for _, size := range []int{0, 1000, 1 << 20} {
			b := NewBudget(size)
			total, reports := 0, 0
			for {
				ok, msg := b.Charge(MaxValue / 4)
				if msg != "" {
					reports++
				}
				if !ok {
					break
				}
				total += MaxValue / 4
			}
			want := budgetBase + budgetPerByte*size
			if total > want || total < want-MaxValue/4 {
				t.Errorf("size %d: built %d bytes before the budget was spent, want about %d", size, total, want)
			}
			if reports != 1 || !b.Spent() || b.Left() != 0 {
				t.Errorf("size %d: %d reports, spent %v, left %d; want 1, true, 0", size, reports, b.Spent(), b.Left())
			}
			if ok, msg := b.Charge(0); ok || msg != "" {
				t.Errorf("size %d: Charge after the budget is spent = %v, %q", size, ok, msg)
			}
		}
	})
	t.Run("steps run out", func(t *testing.T) {
		b := NewBudget(10)
		n := 0
		for {
			if ok, _ := b.Charge(0); !ok {
				break
			}
			n++
		}
		if want := stepBase + stepPerByte*10; n != want {
			t.Errorf("%d steps before the budget was spent, want %d", n, want)
		}
	})
	t.Run("Left is capped by the value limit", func(t *testing.T) {
		if l := NewBudget(1 << 30).Left(); l != MaxValue {
			t.Errorf("Left = %d, want %d", l, MaxValue)
		}
	})
}
