# ordo import, the money: for each channel, the imported orders' totals
# add up to what the file says was paid, by the channel's own total rule
# (worked out here from the file's columns, apart from ordo), and the
# books pass ordo check and hledger check.  Fixtures: tests/fixtures/
# import/money (README), written from each marketplace's documented
# columns, with discounts, coupons, shipping discounts, gift wrap and
# its tax, fees (a negative one too), marketplace-collected tax and
# platform-funded discounts.
#
# The rule (ordo-import(1), MONEY): an order's total is what the shop
# receives for it: the buyer's payment, plus the discounts the platform
# funds (Pinduoduo 平台优惠, Douyin 平台/达人, TikTok platform
# discounts), less tax the marketplace collects and remits itself (eBay
# Collected Tax when its total includes it).
. "$ORDO_TOP/tests/lib.sh"
FX="$ORDO_TOP/tests/fixtures/import/money"
sed 's/code: CNY/code: USD/' "$ORDO_CONFIG" >"$T/usd.yaml"
CNY=$ORDO_CONFIG

# tsv: RFC 4180 (delimiter $1, default ,) on stdin -> TAB records, one a
# line; line breaks and TABs inside fields become spaces, a BOM goes.
tsv() {
	awk -v d="${1:-,}" '{
		sub(/\r$/, ""); if (NR == 1) sub(/^\357\273\277/, "")
		n = length($0)
		for (i = 1; i <= n; i++) {
			c = substr($0, i, 1)
			if (inq) {
				if (c == "\"") {
					if (substr($0, i + 1, 1) == "\"") {
						f = f "\""; i++
					} else
						inq = 0
				} else
					f = f (c == "\t" ? "" : c)
			} else if (c == "\"")
				inq = 1
			else if (c == d) {
				r = r f "\t"; f = ""
			} else
				f = f c
		}
		if (inq) { f = f " "; next }
		print r f; r = ""; f = ""
	}'
}
# A prefix for awk programs over tsv output whose header is the first
# line with column $hdr: v("name") is that column's amount ($, 元, ',' and
# a leading ' dropped), s("name") its text.
AWK='function s(k) { return $(h[k]) }
function v(k,  x) { x = $(h[k]); gsub(/[$,\047元]/, "", x); return x + 0 }
function a(x) { return x < 0 ? -x : x }
!go && index($0, hdr) { for (i = 1; i <= NF; i++) h[$i] = i; go = 1; next }
!go || NF < 3 { next }'

company() {	# company NAME CONFIG: a fresh demo company with tea in stock
	export ORDO_DB="$T/$1" ORDO_CONFIG="$2"
	"$ORDO" init --demo >/dev/null || exit 1
	for s in TEA-LJ-50 TEA-LJ-100 TEA-BLC-50; do
		"$ORDO" stock receive "$s" 100 --cost 5.00 --loc MAIN >/dev/null
	done
}
sum_totals() {
	"$ORDO" order list --csv | awk -F, 'NR > 1 { s += $9 }
	    END { printf "%.2f\n", s }'
}
# channel NAME CONFIG EXPECTED FILE...: import the files into a fresh
# company; its order totals must add up to EXPECTED.
channel() {
	ch=$1 cfg=$2 want=$3
	shift 3
	company "$ch" "$cfg"
	mkdir -p "$T/in-$ch"
	files=
	for f in "$@"; do
		cp "$FX/$f" "$T/in-$ch/"
		files="$files $T/in-$ch/$f"
	done
	out=$("$ORDO" import --channel "$ch" $files 2>&1); rc=$?
	same "$ch: every order imported (exit 0)" 0 "$rc"
	[ $rc -eq 0 ] || echo "$out" | sed 's/^/# /'
	same "$ch: the order totals add up to the file's ($want)" "$want" \
	    "$(sum_totals)"
	check "$ch: ordo check" "$ORDO" check
	"$ORDO" export journal -o "$T/$ch.journal" >/dev/null 2>&1
	if command -v hledger >/dev/null 2>&1; then
		check "$ch: hledger check" hledger -f "$T/$ch.journal" check
	else
		not_ok "$ch: hledger is installed (make deps)"
	fi
}

# Shopify: Total (first row of an order); one shop includes its tax.
want=$(tsv <"$FX/shopify_money.csv" | awk -F '\t' -v hdr=Lineitem "$AWK"'
    s("Total") != "" { t += v("Total") } END { printf "%.2f\n", t }')
channel shopify "$T/usd.yaml" "$want" shopify_money.csv
has "shopify: the tax-inclusive shop's order keeps its 30.00" "30.00" \
    "$("$ORDO" order list --csv | grep '6634244374861')"
has "shopify: the file's tax is posted, not 13%" "tax as charged" \
    "$("$ORDO" order show 1)"

# Amazon: per item, price + tax + shipping + its tax + gift wrap + its
# tax - the promotions (written negative).
want=$(awk -F '\t' -v hdr=amazon-order-id "$AWK"'
    { t += v("item-price") + v("item-tax") + v("shipping-price")
      t += v("shipping-tax") + v("gift-wrap-price") + v("gift-wrap-tax")
      t -= a(v("item-promotion-discount")) + a(v("ship-promotion-discount")) }
    END { printf "%.2f\n", t }' "$FX/amazon_money.tsv")
channel amazon "$T/usd.yaml" "$want" amazon_money.tsv

# eBay: Total Price, less eBay Collected Tax where the total includes it.
want=$(tsv <"$FX/ebay_money.csv" | awk -F '\t' -v hdr="Order Number" "$AWK"'
    s("Total Price") != "" { t += v("Total Price")
      if (s("eBay Collected Tax Included in Total") == "Yes")
          t -= v("eBay Collected Tax") }
    END { printf "%.2f\n", t }')
channel ebay "$T/usd.yaml" "$want" ebay_money.csv
has "ebay: eBay's own tax is named in the notes" \
    "tax collected by the marketplace: 3.60" "$("$ORDO" order show 1)"

# WooCommerce: order_total.
want=$(tsv <"$FX/woocommerce_money.csv" | awk -F '\t' -v hdr=order_total \
    "$AWK"'{ t += v("order_total") } END { printf "%.2f\n", t }')
channel woocommerce "$T/usd.yaml" "$want" woocommerce_money.csv

# Etsy: Order Total.
want=$(tsv <"$FX/EtsySoldOrders2026.csv" | awk -F '\t' -v hdr="Order Total" \
    "$AWK"'{ t += v("Order Total") } END { printf "%.2f\n", t }')
channel etsy "$T/usd.yaml" "$want" EtsySoldOrders2026.csv \
    EtsySoldOrderItems2026.csv

# Etsy's Sold Order Items export on its own, told from its header: per
# row Price x Quantity; per order - Discount Amount - Shipping Discount +
# Order Shipping + Order Sales Tax (repeated on each row, taken once).
want=$(tsv <"$FX/EtsySoldOrderItems2026-3.csv" | awk -F '\t' -v hdr="Item Name" \
    "$AWK"'{ t += v("Price") * v("Quantity") }
    !seen[s("Order ID")]++ { t += v("Order Shipping") + v("Order Sales Tax")
      t -= v("Discount Amount") + v("Shipping Discount") }
    END { printf "%.2f\n", t }')
company etsy-items "$T/usd.yaml"
cp "$FX/EtsySoldOrderItems2026-3.csv" "$T/"
out=$("$ORDO" import "$T/EtsySoldOrderItems2026-3.csv" 2>&1); rc=$?
same "etsy: the items export alone imports (exit 0)" 0 "$rc"
has "etsy: the items export is told from its header" \
    "channel etsy-items (detected" "$out"
same "etsy items: the order totals add up to the file's ($want)" "$want" \
    "$(sum_totals)"
check "etsy items: ordo check" "$ORDO" check
out=$("$ORDO" import "$T/in-etsy/EtsySoldOrders2026.csv" 2>&1)
has "etsy: the orders export alone asks for its pair" "two files" "$out"

# TikTok: Order Amount (once per order) + the platform's discounts.
want=$(tsv <"$FX/tiktok_money.csv" | awk -F '\t' -v hdr="Order Amount" "$AWK"'
    { t += v("SKU Platform Discount") }
    !seen[s("Order ID")]++ { t += v("Order Amount")
      t += v("Payment platform discount") + v("Shipping Fee Platform Discount") }
    END { printf "%.2f\n", t }')
channel tiktok "$T/usd.yaml" "$want" tiktok_money.csv

# Taobao: 买家实际支付金额 (="..." ids, a CRLF inside a quoted note).
want=$(tsv <"$FX/ExportOrderList202603071200.csv" | awk -F '\t' \
    -v hdr="买家实际支付金额" "$AWK"'{ t += v("买家实际支付金额") }
    END { printf "%.2f\n", t }')
channel taobao "$CNY" "$want" ExportOrderList202603071200.csv \
    ExportOrderDetailList202603071200.csv
has "taobao: the note keeps its line break as LF" "请尽快发货
谢谢" "$("$ORDO" order show 1)"

# JD: 订单金额, once per order.
want=$(tsv <"$FX/jd_money.csv" | awk -F '\t' -v hdr="订单金额" "$AWK"'
    !seen[s("订单号")]++ { t += v("订单金额") } END { printf "%.2f\n", t }')
channel jd "$CNY" "$want" jd_money.csv

# Pinduoduo: 用户实付金额 + 平台优惠折扣.
want=$(tsv <"$FX/pinduoduo_money.csv" | awk -F '\t' -v hdr="用户实付金额" \
    "$AWK"'{ t += v("用户实付金额(元)") + v("平台优惠折扣(元)") }
    END { printf "%.2f\n", t }')
channel pinduoduo "$CNY" "$want" pinduoduo_money.csv
has "pinduoduo: the platform's discount is named in the notes" \
    "platform-funded discount: 3.00" "$("$ORDO" order show 1)"

# Douyin: per sub-order 订单应付金额 + 平台 + 达人 discounts; 运费 per
# order.
want=$(tsv <"$FX/douyin_money.csv" | awk -F '\t' -v hdr="订单应付金额" "$AWK"'
    { t += v("订单应付金额") + v("平台实际承担优惠金额")
      t += v("达人实际承担优惠金额") }
    !seen[s("主订单编号")]++ { t += v("运费") }
    END { printf "%.2f\n", t }')
channel douyin "$CNY" "$want" douyin_money.csv

# A tax-inclusive channel's price is split, never grossed up again:
# Taobao's 68.00 is 62.39 + 5.61 (9%), total 68.00, not 74.12.
export ORDO_DB="$T/taobao" ORDO_CONFIG="$CNY"
has "taobao: 68.00 stays 68.00, tax split out" "68.00 incl. tax = 62.39, tax 9% 5.61" \
    "$("$ORDO" order show 2)"

# An unknown SKU (Shopify flags it): counted and named as such, not as
# short of stock; --alias then maps the draft already imported too.
company unknown "$T/usd.yaml"
sed 's/TEA-LJ-100/SHOP-LJ-100/' "$FX/shopify_money.csv" >"$T/unknown.csv"
out=$("$ORDO" import --channel shopify "$T/unknown.csv" 2>&1)
has "an unknown SKU is counted as unknown, not short" \
    "(0 short of stock, 1 with an unknown SKU, left as drafts)" "$out"
id=$("$ORDO" order list --csv | awk -F, '/6634244374860/ { print $1 }')
has "its order is a draft" '"draft"' \
    "$("$ORDO" order list --csv | grep 6634244374860)"
out=$("$ORDO" import --alias shopify SHOP-LJ-100 TEA-LJ-100 2>&1)
has "--alias repairs the imported draft" \
    "imported drafts with it: 1 mapped and confirmed" "$out"
show=$("$ORDO" order show "$id")
has "the draft is confirmed with our SKU" "TEA-LJ-100" "$show"
has "and is confirmed" "confirmed" "$show"
check "check clean after the repair" "$ORDO" check
echo "1..$n"
