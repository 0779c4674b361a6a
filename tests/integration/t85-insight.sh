#!/bin/sh
# t85-insight.sh: the reports of "ordo report" against an independent
# computation.  A generated order history (tests/gen/ordo-gen.c: shipped,
# cancelled, partly shipped and cancelled, returned, backordered,
# multi-line orders through four channels) is exported with "ordo export
# orders" and "ordo export lines", loaded into sqlite3, and every figure
# of the sales, inventory and customer reports is summed again there
# from the orders and their lines: each must match to the cent.
#
# The rules the SQL follows are the reports' (insight.h): sales by the
# day the order was taken; ordered = qty - cancelled on orders that are
# not drafts; sold = shipped - returned; its net = the line's net
# invoiced for the shipped quantity less that credited for the returned
# one (cumulative rounding, half away from zero: order.h); cost = cost
# shipped - cost returned; an order counts when something of it is
# ordered; shipping counts once anything was shipped.
. "$(dirname "$0")/../lib.sh"

GEN=$(dirname "$ORDO")/tests/ordo-gen
export ORDO_NOW="2026-06-15 12:00:00"
command -v sqlite3 >/dev/null 2>&1 || {
	echo "1..0 # SKIP sqlite3 not installed (make deps)"; exit 0; }
echo "1..25"

check "generate 3000 orders" "$GEN" "$ORDO_CONFIG" "$ORDO_DB" 3000 7
check "ordo check after the history" "$ORDO" check

"$ORDO" export orders -o "$T/orders.csv" &&
    "$ORDO" export lines -o "$T/lines.csv" &&
    "$ORDO" stock list --csv >"$T/stock.csv"
same "exports" 0 $?

sqlite3 "$T/x.db" <<EOF
.mode csv
.import $T/orders.csv orders
.import $T/lines.csv lines
.import $T/stock.csv stock
-- Money as whole cents.
CREATE TABLE o AS SELECT CAST("order" AS INTEGER) AS id, date AS day,
  customer, channel, status,
  CAST(REPLACE(shipping, '.', '') AS INTEGER) AS shipping FROM orders;
CREATE TABLE l AS SELECT CAST("order" AS INTEGER) AS id, sku,
  CAST(qty AS INTEGER) AS qty, CAST(cancelled AS INTEGER) AS cancelled,
  CAST(shipped AS INTEGER) AS shipped,
  CAST(returned AS INTEGER) AS returned,
  CAST(REPLACE(net, '.', '') AS INTEGER) AS net,
  CAST(REPLACE(cost_shipped, '.', '') AS INTEGER) AS cs,
  CAST(REPLACE(cost_returned, '.', '') AS INTEGER) AS cr FROM lines;
-- Per line: ordered, sold, its net (rounded half up: all >= 0), cost.
CREATE TABLE s AS SELECT l.id, o.day, o.customer, o.channel, l.sku,
  CASE WHEN o.status = 'draft' THEN 0 ELSE l.qty - l.cancelled END AS ordered,
  l.shipped - l.returned AS sold,
  (2 * l.net * l.shipped + l.qty) / (2 * l.qty)
    - (2 * l.net * l.returned + l.qty) / (2 * l.qty) AS net,
  l.cs - l.cr AS cost, l.shipped AS shipped
  FROM l JOIN o ON o.id = l.id;
-- Per order.
CREATE TABLE so AS SELECT s.id, s.day, s.customer, s.channel,
  CASE WHEN SUM(ordered) > 0 THEN 1 ELSE 0 END AS orders,
  SUM(ordered) AS ordered, SUM(sold) AS sold, SUM(net) AS net,
  SUM(cost) AS cost,
  CASE WHEN SUM(shipped) > 0 THEN o.shipping ELSE 0 END AS shipping
  FROM s JOIN o ON o.id = s.id GROUP BY s.id;
EOF
same "sqlite3 loads the exports" 0 $?

# Cents as the reports print them.
M="CASE WHEN %s < 0 THEN '-' ELSE '' END || (ABS(%s) / 100) || '.' || printf('%%02d', ABS(%s) %% 100)"
money() { printf "$M" "$1" "$1" "$1"; }

q() { sqlite3 -csv "$T/x.db" "$1" | tr -d '\r'; }
# The report's CSV without its header, the columns given, sorted.
rep() {
	cols=$1; shift
	"$ORDO" report "$@" --csv | tail -n +2 | tr -d '"\r' | cut -d, -f"$cols" |
	    sort
}

# Sales by period: every period with an order.
per() {	# per LABEL-EXPR BY
	q "SELECT $1, SUM(orders), SUM(sold), $(money 'SUM(net)'),
	    $(money 'SUM(shipping)'), $(money 'SUM(cost)'),
	    $(money 'SUM(net) - SUM(cost)') FROM so
	    WHERE day BETWEEN '2023-06-01' AND '2026-06-15'
	    GROUP BY 1 HAVING SUM(orders) > 0 ORDER BY 1" | tr -d '"' | sort
}
FROMTO="--from 2023-06-01 --to 2026-06-15"
want=$(per "day" day)
got=$(rep 1-7 sales --by day $FROMTO | awk -F, '$2 != 0')
same "sales by day" "$want" "$got"
want=$(per "date(day, '-6 days', 'weekday 1')" week)
# The first week starts before --from: the report counts from --from too.
got=$(rep 1-7 sales --by week $FROMTO | awk -F, '$2 != 0')
same "sales by week" "$want" "$got"
want=$(per "substr(day, 1, 7)" month)
got=$(rep 1-7 sales --by month $FROMTO | awk -F, '$2 != 0')
same "sales by month" "$want" "$got"
want=$(per "substr(day, 1, 4) || '-Q' || ((CAST(substr(day, 6, 2) AS INTEGER) + 2) / 3)" quarter)
got=$(rep 1-7 sales --by quarter $FROMTO | awk -F, '$2 != 0')
same "sales by quarter" "$want" "$got"

want=$(q "SELECT channel, SUM(orders), SUM(sold), $(money 'SUM(net)'),
    $(money 'SUM(shipping)'), $(money 'SUM(cost)'),
    $(money 'SUM(net) - SUM(cost)') FROM so
    WHERE day BETWEEN '2026-01-01' AND '2026-03-31' GROUP BY 1
    HAVING SUM(orders) <> 0 OR SUM(sold) <> 0 OR SUM(net) <> 0" |
    tr -d '"' | sort)
got=$(rep 1-7 sales --by channel --from 2026-01-01 --to 2026-03-31)
same "sales by channel" "$want" "$got"

want=$(q "SELECT sku, SUM(ordered), SUM(sold), $(money 'SUM(net)'),
    $(money 'SUM(cost)'), $(money 'SUM(net) - SUM(cost)') FROM s
    WHERE day BETWEEN '2025-07-01' AND '2026-06-15' GROUP BY 1
    HAVING SUM(ordered) <> 0 OR SUM(sold) <> 0 OR SUM(net) <> 0
      OR SUM(cost) <> 0" | tr -d '"' | sort)
got=$(rep 1,3-7 sales --by item --top 100000 --from 2025-07-01 \
    --to 2026-06-15)
same "sales by item" "$want" "$got"

want=$(q "SELECT CASE WHEN instr(sku, '-') > 0 THEN
      substr(sku, 1, instr(sku, '-') - 1) ELSE sku END,
    COUNT(DISTINCT CASE WHEN ordered <> 0 OR sold <> 0 OR net <> 0 OR cost <> 0
      THEN sku END),
    SUM(ordered), SUM(sold), $(money 'SUM(net)'), $(money 'SUM(cost)') FROM s
    WHERE day BETWEEN '2025-07-01' AND '2026-06-15' GROUP BY 1" |
    tr -d '"' | sort)
got=$(rep 1-6 sales --by prefix --top 100000 --from 2025-07-01 \
    --to 2026-06-15)
same "sales by SKU prefix" "$want" "$got"

# Best sellers: the top 5 by net, in order.
want=$(q "SELECT sku FROM s WHERE day BETWEEN '2025-07-01' AND '2026-06-15'
    GROUP BY 1 ORDER BY SUM(net) DESC, SUM(sold) DESC, sku LIMIT 5" |
    tr -d '"')
got=$("$ORDO" report sales --by item --top 5 --from 2025-07-01 \
    --to 2026-06-15 --csv | tail -n +2 | cut -d, -f1 | tr -d '"')
same "best sellers in order" "$want" "$got"

# ABC by revenue: A while the items before make under 80% of net, B
# under 95%, C the rest (and items with no net).
want=$(q "WITH i AS (SELECT sku, SUM(net) AS net, SUM(sold) AS sold FROM s
      WHERE day BETWEEN '2025-07-01' AND '2026-06-15' GROUP BY 1
      HAVING SUM(ordered) <> 0 OR SUM(sold) <> 0 OR SUM(net) <> 0
        OR SUM(cost) <> 0),
    c AS (SELECT sku, net, SUM(CASE WHEN net > 0 THEN net ELSE 0 END)
        OVER (ORDER BY net DESC, sold DESC, sku ROWS UNBOUNDED PRECEDING)
        - CASE WHEN net > 0 THEN net ELSE 0 END AS before,
      (SELECT SUM(net) FROM i WHERE net > 0) AS total FROM i)
    SELECT sku, CASE WHEN net <= 0 THEN 'C' WHEN before * 100 < total * 80
      THEN 'A' WHEN before * 100 < total * 95 THEN 'B' ELSE 'C' END FROM c" |
    tr -d '"' | sort)
got=$(rep 1,9 sales --by item --top 100000 --from 2025-07-01 \
    --to 2026-06-15)
same "ABC classes by revenue" "$want" "$got"

# Customers: by whole months.
want=$(q "SELECT customer, SUM(orders), SUM(sold), $(money 'SUM(net)'),
    $(money 'SUM(shipping)'),
    $(money '(SUM(net) + SUM(shipping)) / SUM(orders)'),
    $(money 'SUM(net) - SUM(cost)') FROM so
    WHERE day BETWEEN '2025-01-01' AND '2025-12-31' GROUP BY 1
    HAVING SUM(orders) > 0" | tr -d '"' | sort)
got=$(rep 1,3-8 customers --top 100000 --from 2025-01-01 --to 2025-12-31 |
    awk -F, '$2 != 0')
same "sales by customer" "$want" "$got"

# Lapsed regulars: 3+ months with orders in the 12 months before the
# month of 2026-06-15 - 60 days (2026-04), none since.
want=$(q "WITH m AS (SELECT customer, substr(day, 1, 7) AS mon,
      SUM(orders) AS n, SUM(net) + SUM(shipping) AS amt FROM so
      WHERE day BETWEEN '2025-04-01' AND '2026-06-15' GROUP BY 1, 2
      HAVING SUM(orders) > 0)
    SELECT customer, COUNT(*), SUM(n), $(money 'SUM(amt)'), MAX(mon) FROM m
    WHERE mon < '2026-04' GROUP BY 1 HAVING COUNT(*) >= 3
      AND customer NOT IN (SELECT customer FROM m WHERE mon >= '2026-04')" |
    tr -d '"' | sort)
got=$(rep 1,3-6 customers --lapsed 60 --to 2026-06-15 --top 100000)
same "lapsed regular customers" "$want" "$got"

# RFM over the 12 months to 2026-06: scores by fifths, ties by code.
want=$(q "WITH mm AS (SELECT customer, substr(day, 1, 7) AS mon,
      SUM(orders) AS n, SUM(net) + SUM(shipping) AS amt FROM so
      WHERE day BETWEEN '2025-07-01' AND '2026-06-15' GROUP BY 1, 2
      HAVING SUM(orders) > 0),
    c AS (SELECT customer, MAX(mon) AS last, SUM(n) AS n, SUM(amt) AS amt
      FROM mm GROUP BY 1),
    s AS (SELECT customer, last, n, amt,
      1 + (ROW_NUMBER() OVER (ORDER BY last, customer) - 1) * 5 /
        COUNT(*) OVER () AS r,
      1 + (ROW_NUMBER() OVER (ORDER BY n, customer) - 1) * 5 /
        COUNT(*) OVER () AS f,
      1 + (ROW_NUMBER() OVER (ORDER BY amt, customer) - 1) * 5 /
        COUNT(*) OVER () AS m FROM c)
    SELECT customer, last, n, $(money amt), r, f, m,
      CASE WHEN r >= 4 AND f >= 4 THEN 'champion'
        WHEN r >= 3 AND f >= 4 THEN 'loyal'
        WHEN r <= 2 AND f >= 3 THEN 'at risk'
        WHEN r >= 4 AND f <= 2 THEN 'new or occasional'
        WHEN r <= 2 THEN 'lost' ELSE 'needs attention' END FROM s" |
    tr -d '"' | sort)
got=$(rep 1,3-9 customers --rfm --top 100000 --to 2026-06-15)
same "RFM scores and segments" "$want" "$got"

# Inventory: by location from the stock rows, sold in 30 days per item.
want=$(q "SELECT loc, SUM(CASE WHEN CAST(on_hand AS INTEGER) <> 0 THEN 1
    ELSE 0 END), SUM(CAST(on_hand AS INTEGER)), SUM(CAST(reserved AS INTEGER)),
    $(money "SUM(CAST(REPLACE(value, '.', '') AS INTEGER))") FROM stock
    GROUP BY 1" | tr -d '"' | sort)
got=$(rep 1-5 inventory --by location)
same "inventory by location" "$want" "$got"
want=$(q "SELECT st.sku, SUM(CAST(on_hand AS INTEGER)),
    SUM(CAST(reserved AS INTEGER)),
    COALESCE((SELECT SUM(sold) FROM s WHERE s.sku = st.sku AND
      day BETWEEN '2026-05-17' AND '2026-06-15'), 0)
    FROM stock st GROUP BY 1" | tr -d '"' | sort)
got=$(rep 1,3,4,7 inventory --by item --top 100000 --to 2026-06-15)
same "inventory by item: stock and sold in 30 days" "$want" "$got"

# The backorder list: every line with something backordered.
want=$(sqlite3 -csv "$T/x.db" "SELECT COUNT(*) FROM lines l JOIN orders o
    ON o.\"order\" = l.\"order\" WHERE o.status IN ('confirmed', 'picking',
    'packed', 'partial') AND CAST(l.qty AS INTEGER) - CAST(l.shipped AS INTEGER)
    - CAST(l.cancelled AS INTEGER) - CAST(l.reserved AS INTEGER) > 0")
got=$("$ORDO" backorders --csv | tail -n +2 | wc -l | tr -d ' ')
same "backorders" "$want" "$got"

# Text as a person sees it: it fits 80 and 40 columns, block characters
# on a UTF-8 terminal, plain ASCII on a vt100.
LC_ALL=C.UTF-8 TERM=xterm COLUMNS=80 "$ORDO" report sales --by month \
    $FROMTO >"$T/r80"
w=$(LC_ALL=C.UTF-8 wc -L <"$T/r80")
[ "$w" -le 80 ] && ok "80 columns: the widest line is $w" ||
    not_ok "80 columns" "$(cat "$T/r80")"
has "bars and a sparkline in block characters" "█" "$(cat "$T/r80")"
bad=0
for r in "sales --by item" "sales --by week" "customers" "customers --lapsed 60" \
    "inventory --by item" "sales --compare" "finance"; do
	LC_ALL=C.UTF-8 TERM=xterm "$ORDO" report $r --width 40 \
	    --to 2026-06-15 >"$T/r40"
	w=$(LC_ALL=C.UTF-8 wc -L <"$T/r40")
	[ "$w" -le 40 ] || { bad=1; cat "$T/r40"; }
done
same "40 columns: every report fits" 0 "$bad"
LC_ALL=C.UTF-8 TERM=vt100 "$ORDO" report sales --by month $FROMTO >"$T/vt"
nb=$(LC_ALL=C tr -d '\000-\177' <"$T/vt" | wc -c | tr -d ' ')
same "a vt100 gets ASCII only" 0 "$nb"
has "a vt100 gets # bars" "#" "$(cat "$T/vt")"
"$ORDO" report sales --by channel --json --to 2026-06-15 >"$T/j.json"
same "JSON is valid" 1 "$(sqlite3 :memory: \
    "SELECT json_valid(CAST(readfile('$T/j.json') AS TEXT))")"
