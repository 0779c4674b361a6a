#!/usr/bin/env python3
# gen.py: writes the demo company's catalogue, customers and opening stock
# (items.csv, customers.csv, stock.csv) next to this script.
#
# The output is committed; ordo never runs this script.  It is kept so the
# demo data can be changed and regenerated: the same script always writes
# the same files (fixed seed, no clock), so a diff shows only what changed.
#
#     python3 data/demo/gen.py
#
# The shop: Harbour Street Trading, a small Chinese/English trading shop
# selling tea, teaware, snacks, stationery, kitchenware and small
# electronics.  Money is CNY with two decimals; tax is a percentage, empty
# for the company default (13% in config/ordo.yaml); loose tea and dried
# goods are agricultural products at 9%.

import csv
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(20240601)


def ean13(body12):
    """Append the EAN-13 check digit to a 12-digit string."""
    assert len(body12) == 12 and body12.isdigit()
    s = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body12))
    return body12 + str((10 - s % 10) % 10)


def money(fen):
    return "%d.%02d" % (fen // 100, fen % 100)


def price_fen(yuan):
    """A shop price: a price given with fen is kept; a whole one below
    100 yuan may end in .50, .80 or .90."""
    fen = int(round(yuan * 100))
    if fen % 100 != 0:
        return fen
    whole = max(1, fen // 100)
    if whole >= 100:
        return whole * 100
    return whole * 100 + rng.choice([0, 0, 50, 80, 90])


def cost_fen(price, margin_lo, margin_hi):
    """A unit cost below the price (margin as a fraction of the price)."""
    m = margin_lo + (margin_hi - margin_lo) * rng.random()
    c = int(price * (1 - m))
    c = max(1, min(c, price - 1))
    return c


# ---------------------------------------------------------------- items

items = []
serial = [0]


def add(sku, name, unit, yuan, margin, rp, rq, aisle, tax="",
        backorder=0, barcode=True):
    serial[0] += 1
    price = price_fen(yuan)
    if price <= 1:
        price = 100
    cost = cost_fen(price, margin[0], margin[1])
    # GS1 China prefix 690-699; 6921734 is our (invented) company prefix.
    bc = ean13("6921734%05d" % (10000 + serial[0] * 7)) if barcode else ""
    shelf = rng.randint(1, 12)
    level = rng.randint(1, 4)
    items.append({
        "sku": sku, "barcode": bc, "name": name, "unit": unit,
        "price": money(price), "cost": money(cost),
        "reorder_point": rp, "reorder_qty": rq,
        "bin": "%s-%02d-%d" % (aisle, shelf, level),
        "tax": tax, "backorder": backorder,
        "_cost_fen": cost,
    })


# Tea: (code, English, Chinese, price per 100 g in yuan, cn-name?)
teas = [
    ("LJ", "West Lake Longjing", "西湖龙井", 68, True),
    ("BLC", "Biluochun green tea", "碧螺春", 52, True),
    ("HSMF", "Huangshan Maofeng", "黄山毛峰", 40, True),
    ("LAGP", "Lu'an Guapian", "六安瓜片", 46, False),
    ("TGY", "Tieguanyin oolong", "安溪铁观音", 38, True),
    ("DHP", "Da Hong Pao rock tea", "大红袍", 72, True),
    ("FDH", "Phoenix Dancong", "凤凰单丛", 58, False),
    ("DDW", "Dong Ding oolong", "冻顶乌龙", 44, False),
    ("KMH", "Keemun black tea", "祁门红茶", 36, True),
    ("DHR", "Dianhong golden tip", "滇红金芽", 42, True),
    ("LSXZ", "Lapsang Souchong", "正山小种", 34, False),
    ("JJM", "Jin Jun Mei", "金骏眉", 96, True),
    ("BHYZ", "Silver Needle white tea", "白毫银针", 88, True),
    ("BMD", "White Peony", "白牡丹", 32, False),
    ("SHPE", "Ripe Pu-erh", "熟普洱", 22, True),
    ("RWPE", "Raw Pu-erh", "生普洱", 28, False),
    ("JASM", "Jasmine Dragon Pearls", "茉莉龙珠", 30, True),
    ("JUNS", "Junshan Yinzhen yellow tea", "君山银针", 120, True),
    ("GENM", "Genmaicha", "玄米茶", 12, False),
    ("CHRY", "Chrysanthemum buds", "胎菊", 10, True),
]
for i, (code, en, cn, per100, cn_name) in enumerate(teas):
    for grams, unit in ((50, "box"), (100, "box"), (250, "box"),
                        (500, "pack")):
        if grams == 50 and per100 < 30:
            continue
        if grams == 500 and per100 > 40:
            continue
        yuan = per100 * grams / 100 * (1.25 if grams == 50 else 1.0)
        if cn_name and grams != 50:
            name = "%s %dg" % (cn, grams)
        else:
            name = "%s %s %dg" % (en, cn, grams)
        add("TEA-%s-%d" % (code, grams), name, unit, yuan, (0.35, 0.5),
            rng.choice([4, 5, 6, 8, 10]), rng.choice([12, 20, 24, 30]),
            "A", tax="9")
    if i % 3 == 0:
        # Loose tea sold by weight from the jar: no barcode.
        add("TEA-%s-KG" % code, "%s loose 散装 (per kg)" % en, "kg",
            per100 * 10 * 0.8, (0.35, 0.45), 1, 3, "A", tax="9",
            barcode=(i % 2 == 0))

# Tea bags and gift sets.
for code, name, yuan in (
        ("BAG-JASM-25", "Jasmine green tea bags, 25 x 2g", 18),
        ("BAG-EARL-25", "Earl Grey tea bags, 25 x 2g", 22),
        ("BAG-KMH-25", "Keemun tea bags, 25 x 2g", 20),
        ("BAG-CHAM-20", "Chamomile infusion bags, 20 x 1.5g", 19),
        ("BAG-GING-20", "Ginger & honey 姜茶 sachets, 20 x 10g", 24),
        ("BAG-BARL-30", "Roasted barley tea 大麦茶, 30 bags", 16),
        ("GIFT-LJ-2T", "Longjing gift box, 2 tins 龙井礼盒", 398),
        ("GIFT-PE-CAKE", "Pu-erh cake 357g 普洱茶饼", 268),
        ("GIFT-OOL-4", "Oolong sampler, 4 tins", 188),
        ("GIFT-NEWYR", "Spring Festival tea hamper 新春茶礼", 588)):
    add("TEA-" + code, name, "box" if "BAG" not in code else "pack", yuan,
        (0.3, 0.45), rng.choice([3, 5, 8]), rng.choice([10, 12, 20]), "A",
        tax="9" if "GIFT" not in code else "")

# Teaware.
teaware = [
    ("GWN-WHT", "Gaiwan, white porcelain 150ml", 48),
    ("GWN-BLU", "Gaiwan, blue and white 青花盖碗 150ml", 68),
    ("GWN-CEL", "Gaiwan, celadon 龙泉青瓷 120ml", 128),
    ("YXP-ZN", "Yixing zisha teapot 紫砂壶 200ml", 368),
    ("YXP-HN", "Yixing hongni teapot 红泥壶 150ml", 298),
    ("GLS-POT", "Glass teapot with infuser 600ml", 79),
    ("GLS-PIT", "Glass fairness pitcher 公道杯 250ml", 36),
    ("CUP-WHT6", "Tea cups, white, set of 6", 58),
    ("CUP-CEL6", "Tea cups, celadon, set of 6", 96),
    ("CUP-GLS6", "Double-wall glass cups, set of 6", 88),
    ("CUP-TNMK", "Tenmoku tea bowl 建盏", 158),
    ("CUP-RU", "Ru kiln cup 汝窑杯 60ml", 68),
    ("CUP-JUN", "Jun kiln cup 钧窑杯 60ml", 72),
    ("CUP-GE", "Ge kiln crackle cup 哥窑杯", 58),
    ("CUP-BLU", "Blue and white cup 青花杯", 35),
    ("GWN-RU", "Gaiwan, Ru kiln 汝窑盖碗 130ml", 158),
    ("GWN-JUN", "Gaiwan, Jun kiln 钧窑盖碗 130ml", 168),
    ("TRY-BMB", "Bamboo tea tray 竹茶盘 40cm", 168),
    ("TRY-WNG", "Wenge wood tea tray 60cm", 458),
    ("TRY-CER", "Ceramic dry-brew plate", 78),
    ("KTL-ELC", "Electric kettle, temperature control 1.0L", 239),
    ("KTL-CI", "Cast iron kettle 铁壶 1.2L", 520),
    ("TOOL-6", "Tea ceremony tools, 6 pieces 茶道六君子", 45),
    ("STR-SS", "Stainless tea strainer", 15),
    ("STR-BMB", "Bamboo strainer with stand", 22),
    ("PET-TOAD", "Tea pet, golden toad 金蟾茶宠", 38),
    ("PET-PIX", "Tea pet, pixiu 貔貅", 42),
    ("CAD-TIN", "Tea caddy, tin 250g", 28),
    ("CAD-CER", "Tea caddy, ceramic 茶叶罐", 56),
    ("TOW-CTN", "Tea towel, cotton 茶巾", 12),
    ("SET-TRVL", "Travel tea set, 1 pot 4 cups 旅行茶具", 138),
    ("SET-KUNG", "Kung fu tea set, 10 pieces 功夫茶具", 299),
    ("INF-MUG", "Infuser mug with lid 400ml", 45),
    ("BTL-TEA", "Glass tea bottle, tea separator 420ml", 69),
    ("NDL-PUER", "Pu-erh knife", 18),
    ("SCL-01", "Tea scale 0.1g", 49),
]
for code, name, yuan in teaware:
    add("TWR-" + code, name, "pcs" if "6" not in code else "box", yuan,
        (0.4, 0.6), rng.choice([2, 3, 4, 5]), rng.choice([6, 8, 10, 12]), "B",
        backorder=1 if code in ("YXP-ZN", "KTL-CI", "TRY-WNG") else 0)

# Snacks.
snacks = [
    ("MOON-LOTUS", "Mooncake, lotus seed paste 莲蓉月饼, box of 4", 88, "box"),
    ("MOON-YOLK", "Mooncake, salted egg yolk, box of 6", 128, "box"),
    ("MOON-5NUT", "五仁月饼 box of 4", 78, "box"),
    ("MOON-RDBN", "Mooncake, red bean 豆沙月饼, box of 4", 68, "box"),
    ("MOON-SNOW", "Snowskin mooncakes 冰皮月饼, box of 6", 138, "box"),
    ("MOON-GIFT", "Mooncake gift tin, 8 assorted", 268, "box"),
    ("PINEAPPLE", "Pineapple cakes 凤梨酥, 10 pcs", 58, "box"),
    ("WIFECAKE", "Wife cakes 老婆饼, 6 pcs", 32, "box"),
    ("EGGROLL", "Egg rolls 蛋卷 400g tin", 45, "box"),
    ("ALMONDCK", "Almond cookies 杏仁饼 300g", 38, "pack"),
    ("SESAME", "Black sesame candy 黑芝麻糖 250g", 22, "pack"),
    ("PEANUT", "Peanut brittle 花生糖 250g", 18, "pack"),
    ("HAWS", "Haw flakes 山楂片 10 rolls", 12, "pack"),
    ("DRYMANGO", "Dried mango 芒果干 200g", 26, "pack"),
    ("PLUM", "Preserved plums 话梅 150g", 15, "pack"),
    ("JUJUBE", "Xinjiang red dates 新疆红枣 500g", 39, "pack"),
    ("GOJI", "Ningxia goji berries 宁夏枸杞 250g", 45, "pack"),
    ("LONGAN", "Dried longan 桂圆干 500g", 42, "pack"),
    ("WALNUT", "Walnuts, paper shell 纸皮核桃 500g", 36, "pack"),
    ("MELONSEED", "Roasted melon seeds 瓜子 500g", 19, "pack"),
    ("PISTACHIO", "Pistachios 开心果 250g", 39, "pack"),
    ("CASHEW", "Cashews, salted 200g", 32, "pack"),
    ("BEEFJERKY", "Beef jerky 牛肉干 200g", 48, "pack"),
    ("PORKFLOSS", "Pork floss 肉松 200g", 35, "pack"),
    ("SEAWEED", "Roasted seaweed snack 10 packs", 22, "pack"),
    ("SHRIMPCK", "Prawn crackers 虾片 200g", 14, "pack"),
    ("RICECRK", "Rice crackers 米饼 300g", 16, "pack"),
    ("WHITERAB", "White Rabbit candy 大白兔奶糖 227g", 25, "pack"),
    ("GUMMY", "Fruit gummies 200g", 15, "pack"),
    ("CHOC-GT", "Green tea chocolate 抹茶巧克力 100g", 28, "pcs"),
    ("MATCHAKK", "Matcha Kit Kat, 12 fingers", 35, "box"),
    ("POCKY", "Pocky chocolate 10 packs", 29, "box"),
    ("SUNFLOWER", "Sunflower seeds, caramel 焦糖瓜子 260g", 12, "pack"),
    ("SUNFL-WAL", "Sunflower seeds, walnut flavour 山核桃味 260g", 12, "pack"),
    ("SUNFL-SPC", "Sunflower seeds, five-spice 五香 500g", 18, "pack"),
    ("TANGYUAN", "Osmanthus honey 桂花蜜 250g", 46, "pcs"),
    ("HONEY-LCH", "Lychee honey 荔枝蜜 500g", 68, "pcs"),
    ("NOODLE-5", "Instant noodles, braised beef 红烧牛肉面, 5 pack", 16, "pack"),
    ("NOODLE-SP", "Spicy hot-dry noodles 热干面 4 pack", 22, "pack"),
    ("CHILIOIL", "Lao Gan Ma chili crisp 老干妈 280g", 13, "pcs"),
    ("SOYSAUCE", "Light soy sauce 生抽 500ml", 12, "pcs"),
    ("VINEGAR", "Zhenjiang black vinegar 镇江香醋 500ml", 11, "pcs"),
    ("HOTPOT", "Hotpot soup base 火锅底料 400g", 24, "pack"),
    ("SICHUANPP", "Sichuan peppercorns 花椒 100g", 18, "pack"),
    ("STARANISE", "Star anise 八角 100g", 12, "pack"),
    ("OOLONGDRK", "Oolong tea drink 500ml, case of 15", 75, "box"),
    ("SOYMILK", "Vitasoy soy milk 250ml, 6 pack", 21, "pack"),
    ("COCONUT", "Coconut juice 椰汁 245ml, 24 cans", 96, "box"),
    ("HERBALTEA", "Herbal tea 凉茶 310ml, 24 cans", 88, "box"),
]
for code, name, yuan, unit in snacks:
    tax = "9" if code in ("JUJUBE", "GOJI", "LONGAN", "WALNUT",
                          "SICHUANPP", "STARANISE") else ""
    add("SNK-" + code, name, unit, yuan, (0.25, 0.4),
        rng.choice([6, 10, 12, 20]), rng.choice([24, 36, 48, 60]), "C",
        tax=tax)

# Stationery.
stationery = []
for colour, cn in (("BLK", "黑"), ("BLU", "蓝"), ("RED", "红"),
                  ("GRN", "绿")):
    stationery.append(("GEL-05-" + colour,
                       "Gel pen 0.5mm %s色, box of 12" % cn, 18, "box"))
    stationery.append(("BALL-07-" + colour,
                       "Ballpoint pen 0.7mm, %s, box of 50" %
                       {"BLK": "black", "BLU": "blue", "RED": "red",
                        "GRN": "green"}[colour],
                       45, "box"))
for size, yuan in (("A4", 28), ("A5", 18), ("B5", 22), ("A6", 9.9)):
    for rule, rn in (("LN", "lined"), ("GR", "grid"), ("BL", "blank")):
        stationery.append(("NB-%s-%s" % (size, rule),
                           "Notebook, %s %s, 80 sheets" % (size, rn),
                           yuan, "pcs"))
stationery += [
    ("BRUSH-S", "Calligraphy brush, small 小楷毛笔", 15, "pcs"),
    ("BRUSH-M", "Calligraphy brush, medium 中楷毛笔", 22, "pcs"),
    ("BRUSH-L", "Calligraphy brush, large 大楷毛笔", 35, "pcs"),
    ("INK-BTL", "Calligraphy ink 一得阁墨汁 250ml", 16, "pcs"),
    ("INKSTONE", "Duan inkstone 端砚", 188, "pcs"),
    ("XUAN-100", "Xuan paper 宣纸, 100 sheets", 68, "pack"),
    ("XUAN-GRID", "Practice paper with grid 米字格, 50 sheets", 12, "pack"),
    ("SEAL-PAD", "Cinnabar seal paste 印泥", 28, "pcs"),
    ("RED-ENV", "Red envelopes 红包, pack of 30", 9.9, "pack"),
    ("RED-ENV-L", "Red envelopes, large, gold foil, 10", 12, "pack"),
    ("COUPLET", "Spring couplets 春联 set", 19.9, "pack"),
    ("FU-STKR", "Fu 福 door sticker", 6.5, "pcs"),
    ("PAPER-A4", "Copy paper A4 80g, 500 sheets", 29, "pack"),
    ("PAPER-BOX", "Copy paper A4 80g, box of 5 reams", 139, "box"),
    ("STAPLER", "Stapler, 20 sheets", 18, "pcs"),
    ("STAPLES", "Staples 24/6, box of 1000", 4.5, "box"),
    ("CLIPS-50", "Binder clips 32mm, box of 24", 12, "box"),
    ("TAPE-CLR", "Clear tape 18mm, 6 rolls", 9.9, "pack"),
    ("TAPE-WASH", "Washi tape, 10 rolls 和纸胶带", 25, "pack"),
    ("STICKY", "Sticky notes 76x76, 12 pads", 19, "pack"),
    ("HIGHLT-5", "Highlighters, 5 colours", 15, "pack"),
    ("MARKER-B", "Whiteboard markers, black, 10", 22, "box"),
    ("PENCIL-HB", "Pencils HB, box of 12", 8.5, "box"),
    ("ERASER", "Erasers, pack of 4", 5, "pack"),
    ("RULER-30", "Ruler 30cm", 3.5, "pcs"),
    ("SCISSORS", "Scissors 17cm", 9.9, "pcs"),
    ("GLUE-STK", "Glue sticks, 6", 12, "pack"),
    ("FOLDER-A4", "Clear folders A4, 20", 16, "pack"),
    ("ENVELOPE", "Envelopes DL, 50", 14, "pack"),
    ("CALC-12", "Desk calculator, 12 digits", 39, "pcs"),
    ("RECEIPT", "Receipt book, carbonless 收据 2-part", 6, "pcs"),
    ("LABEL-TH", "Thermal labels 40x30, roll of 800", 18, "pcs"),
    ("FOUNT-PEN", "Fountain pen, Hero 英雄钢笔", 68, "pcs"),
    ("INK-CART", "Fountain pen cartridges, blue, 20", 10, "box"),
]
for code, name, yuan, unit in stationery:
    add("STN-" + code, name, unit, yuan, (0.35, 0.55),
        rng.choice([5, 10, 12, 20]), rng.choice([20, 30, 50]), "D")

# Kitchenware.
kitchen = [
    ("WOK-CS34", "Carbon steel wok 34cm 铁锅", 168, "pcs"),
    ("WOK-CS30", "Carbon steel wok 30cm", 138, "pcs"),
    ("WOK-LID", "Wok lid, wooden handle", 45, "pcs"),
    ("CLVR-SS", "Chinese cleaver 菜刀, stainless", 128, "pcs"),
    ("CLVR-BN", "Bone chopper 砍骨刀", 148, "pcs"),
    ("BOARD-GNK", "Gingko wood chopping board 银杏砧板 36cm", 198, "pcs"),
    ("BOARD-BMB", "Bamboo chopping board 40cm", 68, "pcs"),
    ("STEAM-26", "Bamboo steamer 蒸笼 26cm, 2 tiers + lid", 58, "pcs"),
    ("STEAM-20", "Bamboo steamer 20cm, 2 tiers + lid", 42, "pcs"),
    ("STEAM-LNR", "Steamer liners, perforated, 100", 12, "pack"),
    ("CHOP-10", "Chopsticks, alloy, 10 pairs", 29, "pack"),
    ("CHOP-BMB", "Chopsticks, bamboo, 10 pairs 竹筷", 15, "pack"),
    ("CHOP-RST", "Chopstick rests, ceramic, set of 4", 24, "box"),
    ("SPOON-4", "Soup spoons, porcelain, 4", 19, "box"),
    ("BOWL-RICE", "Rice bowls 4.5 inch, set of 4", 39, "box"),
    ("BOWL-NDL", "Noodle bowl 7 inch", 22, "pcs"),
    ("PLATE-8", "Porcelain plates 8 inch, set of 4", 58, "box"),
    ("SPAT-SS", "Wok spatula 锅铲, stainless", 25, "pcs"),
    ("LADLE-SS", "Wok ladle 炒勺", 22, "pcs"),
    ("SKIM-WIRE", "Wire skimmer 漏勺 16cm", 18, "pcs"),
    ("CLAYPOT", "Clay pot 砂锅 2.5L", 88, "pcs"),
    ("RICECKR", "Rice cooker 3L, Midea", 299, "pcs"),
    ("HOTPOT-EL", "Electric hot pot 电火锅 4L", 229, "pcs"),
    ("DUMPL-SET", "Dumpling making set 饺子工具", 32, "pcs"),
    ("ROLLPIN", "Rolling pin 擀面杖 40cm", 12, "pcs"),
    ("MORTAR", "Stone mortar and pestle", 78, "pcs"),
    ("TIFFIN", "Stainless tiffin 3 tiers 饭盒", 69, "pcs"),
    ("THERMOS", "Vacuum flask 保温杯 500ml", 89, "pcs"),
    ("APRON", "Apron, linen", 35, "pcs"),
    ("OILPOT", "Oil strainer pot 滤油壶 1.2L", 49, "pcs"),
    ("MOONMOLD", "Mooncake mould 月饼模具 50g", 29, "pcs"),
    ("PEELER", "Vegetable peeler", 9.9, "pcs"),
    ("GRATER", "Ginger grater, ceramic", 19, "pcs"),
    ("SCALE-KIT", "Kitchen scale 5kg", 59, "pcs"),
    ("TIMER", "Kitchen timer", 15, "pcs"),
    ("DISHRACK", "Dish rack, stainless", 99, "pcs"),
    ("CLOTH-10", "Dish cloths, 10", 19.9, "pack"),
    ("FOILBOX", "Aluminium foil 30cm x 10m", 14, "pcs"),
    ("WRAP-CLG", "Cling film 30cm x 100m", 16, "pcs"),
    ("BAGS-ZIP", "Zip bags, medium, 50", 12, "box"),
]
for code, name, yuan, unit in kitchen:
    add("KIT-" + code, name, unit, yuan, (0.35, 0.55),
        rng.choice([2, 3, 5, 8]), rng.choice([6, 10, 12, 20]), "E",
        backorder=1 if code in ("RICECKR", "BOARD-GNK") else 0)

# Small electronics.
elec = [
    ("USBC-1M", "USB-C cable 1m 数据线", 19, "pcs"),
    ("USBC-2M", "USB-C cable 2m, braided", 29, "pcs"),
    ("USBC-3M", "USB-C cable 3m, braided", 39, "pcs"),
    ("CHG-30W", "USB-C charger 30W", 79, "pcs"),
    ("CAR-CHG", "Car charger, 2 USB ports 车载充电器", 35, "pcs"),
    ("LTNG-1M", "Lightning cable 1m", 39, "pcs"),
    ("CHG-20W", "USB-C charger 20W 充电器", 59, "pcs"),
    ("CHG-65W", "GaN charger 65W, 3 ports", 149, "pcs"),
    ("PWRB-10K", "Power bank 10000mAh 充电宝", 99, "pcs"),
    ("PWRB-20K", "Power bank 20000mAh, PD", 169, "pcs"),
    ("EARB-BT", "Bluetooth earbuds 蓝牙耳机", 199, "pcs"),
    ("EAR-WIRE", "Wired earphones, 3.5mm", 29, "pcs"),
    ("SPK-BT", "Bluetooth speaker, mini", 129, "pcs"),
    ("MOUSE-W", "Wireless mouse", 49, "pcs"),
    ("KBD-W", "Wireless keyboard, Chinese/English keys", 129, "pcs"),
    ("USB-32G", "USB flash drive 32GB U盘", 35, "pcs"),
    ("USB-128G", "USB flash drive 128GB", 79, "pcs"),
    ("SD-64G", "microSD card 64GB", 59, "pcs"),
    ("HUB-4P", "USB hub, 4 ports", 45, "pcs"),
    ("PLUG-ADP", "Travel plug adapter, CN/UK/EU/US", 39, "pcs"),
    ("STRIP-6", "Power strip 6 sockets 插线板, 1.8m", 69, "pcs"),
    ("LED-DESK", "LED desk lamp 台灯", 139, "pcs"),
    ("LED-BULB", "LED bulb E27 9W, 2 pack", 19.9, "pack"),
    ("TORCH", "LED torch, rechargeable", 59, "pcs"),
    ("BATT-AA", "Alkaline batteries AA, 8", 22, "pack"),
    ("BATT-AAA", "Alkaline batteries AAA, 8", 22, "pack"),
    ("BATT-CR2", "CR2032 coin cells, 5", 12, "pack"),
    ("FAN-USB", "USB desk fan", 39, "pcs"),
    ("FAN-HAND", "Handheld fan 手持风扇", 29, "pcs"),
    ("CLOCK-DG", "Digital alarm clock", 49, "pcs"),
    ("THERMO", "Thermo-hygrometer 温湿度计", 25, "pcs"),
    ("SCAN-BC", "Barcode scanner, USB 扫码枪", 189, "pcs"),
    ("PRN-LBL", "Thermal label printer", 399, "pcs"),
    ("CASH-DRW", "Cash drawer 钱箱", 259, "pcs"),
    ("PHONE-STD", "Phone stand, aluminium", 29, "pcs"),
    ("SCRN-PROT", "Screen protector, tempered glass", 15, "pcs"),
    ("RADIO-FM", "Pocket FM radio 收音机", 69, "pcs"),
    ("KETTLE-TR", "Travel kettle 0.6L, dual voltage", 119, "pcs"),
    ("CAM-WEB", "Webcam 1080p", 159, "pcs"),
    ("HDMI-2M", "HDMI cable 2m", 25, "pcs"),
    ("SMART-PLG", "Smart plug, Wi-Fi", 59, "pcs"),
    ("MASSAGER", "Neck massager 颈部按摩仪", 199, "pcs"),
    ("TRANSL", "Pocket translator 翻译机, Chinese/English", 599, "pcs"),
]
for code, name, yuan, unit in elec:
    add("ELC-" + code, name, unit, yuan, (0.25, 0.45),
        rng.choice([3, 5, 8, 10]), rng.choice([10, 12, 20, 24]), "F",
        backorder=1 if code in ("TRANSL", "PRN-LBL", "EARB-BT") else 0)

skus = [it["sku"] for it in items]
assert len(skus) == len(set(skus)), "duplicate SKU"
bcs = [it["barcode"] for it in items if it["barcode"]]
assert len(bcs) == len(set(bcs)), "duplicate barcode"
for it in items:
    assert len(it["sku"]) <= 64
    assert int(it["cost"].replace(".", "")) < int(it["price"].replace(".", ""))
assert len(items) >= 300, len(items)

FIELDS = ["sku", "barcode", "name", "unit", "price", "cost",
          "reorder_point", "reorder_qty", "bin", "tax", "backorder"]
with open(os.path.join(HERE, "items.csv"), "w", newline="",
          encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(FIELDS)
    for it in items:
        w.writerow([it[k] for k in FIELDS])

# ------------------------------------------------------------ customers

customers = [
    ("WALKIN", "Walk-in customer 散客", "", "", "",
     "Counter sales without an account"),
    ("HZTEA", "Hangzhou Tea House 杭州茶馆", "0571-8702 3311",
     "orders@hztea.example.cn", "12 Hefang St, Shangcheng, Hangzhou 310002",
     "Pays by bank transfer, 30 days"),
    ("JADE", "Jade Garden Restaurant", "+44 20 7946 0321",
     "accounts@jadegarden.example.co.uk",
     "14 Gerrard St, London W1D 5PT", "Monthly tea and teaware order"),
    ("LIWEI", "李伟", "138 1234 5678", "liwei@example.cn",
     "上海市黄浦区南京东路 100 号 5 楼", ""),
    ("WANGF", "王芳", "139 8765 4321", "", "北京市朝阳区建国路 88 号",
     "Prefers Longjing, calls before visiting"),
    ("ZHANGM", "张敏", "136 0000 1122", "zhangmin@example.com",
     "广州市天河区体育西路 1 号", ""),
    ("CHENJ", "陈静", "135 2468 1357", "", "深圳市南山区科技园", ""),
    ("LIUY", "刘洋", "137 1357 2468", "liuyang@example.cn",
     "成都市锦江区春熙路 21 号", "Wholesale price for 10+ boxes"),
    ("YANGL", "杨丽", "150 1111 2222", "", "南京市鼓楼区中山路 5 号", ""),
    ("ZHAOL", "赵磊", "151 3333 4444", "zhaolei@example.cn",
     "武汉市江汉区解放大道 690 号", ""),
    ("HUANGQ", "黄琴", "152 5555 6666", "", "厦门市思明区中山路 18 号", ""),
    ("ZHOUJ", "周杰", "153 7777 8888", "zhou.jie@example.com",
     "天津市和平区滨江道 3 号", ""),
    ("WUX", "吴昕", "155 9999 0000", "", "苏州市姑苏区平江路 66 号",
     "Collects on Saturdays"),
    ("XUH", "徐浩", "156 1212 3434", "xuhao@example.cn",
     "宁波市海曙区天一广场", ""),
    ("SUNY", "孙悦", "157 5656 7878", "", "青岛市市南区香港中路 9 号", ""),
    ("MAJ", "马骏", "158 9090 1212", "majun@example.cn",
     "西安市碑林区南大街 12 号", ""),
    ("ZHUL", "朱琳", "159 3434 5656", "", "长沙市岳麓区麓山南路", ""),
    ("HUJ", "胡静", "186 7878 9090", "hujing@example.com",
     "重庆市渝中区解放碑", ""),
    ("GUOW", "郭伟", "187 2323 4545", "", "郑州市金水区花园路 8 号", ""),
    ("LINM", "林美", "188 6767 8989", "linmei@example.tw",
     "台北市大安区忠孝东路 4 段", "Ships to Taiwan: customs form"),
    ("HEB", "何斌", "189 1010 2020", "", "昆明市五华区翠湖南路", ""),
    ("GAOY", "高远", "180 3030 4040", "gaoyuan@example.cn",
     "杭州市西湖区龙井路 1 号", ""),
    ("LUOX", "罗欣", "181 5050 6060", "", "福州市鼓楼区三坊七巷", ""),
    ("SMITHJ", "John Smith", "+44 7700 900123", "john.smith@example.co.uk",
     "22 Baker Street, London NW1 6XE", ""),
    ("BROWNE", "Emily Brown", "+1 415 555 0134", "emily.brown@example.com",
     "1200 Grant Ave, San Francisco, CA 94133", "Gift wrapping, always"),
    ("MUELLER", "Katrin Müller", "+49 30 901820", "k.mueller@example.de",
     "Torstraße 12, 10119 Berlin", ""),
    ("DUPONT", "Claire Dupont", "+33 1 42 68 53 00", "claire@example.fr",
     "8 rue de Rivoli, 75004 Paris", ""),
    ("TANAKA", "Tanaka Hiroshi 田中宏", "+81 3 1234 5678",
     "tanaka@example.jp", "Shibuya 2-21-1, Tokyo 150-8510", ""),
    ("KIMS", "Kim Soo-jin", "+82 2 555 0188", "soojin@example.kr",
     "Insadong-gil 44, Jongno-gu, Seoul", ""),
    ("NGUYEN", "Nguyen Van An", "+84 28 3822 0000", "an.nguyen@example.vn",
     "45 Le Loi, District 1, Ho Chi Minh City", ""),
    ("OCONNOR", "Siobhan O'Connor", "+353 1 555 0199",
     "siobhan@example.ie", "3 Grafton St, Dublin 2", ""),
    ("PATELR", "Ravi Patel", "+44 121 555 0456", "ravi.patel@example.com",
     "90 Broad St, Birmingham B1 2HF", "Trade account, net 14"),
    ("GARCIA", "María García", "+34 91 555 0110", "maria@example.es",
     "Calle Mayor 5, 28013 Madrid", ""),
    ("WONGK", "Kelvin Wong 黄家豪", "+852 9123 4567", "kelvin@example.hk",
     "Flat 12B, 88 Nathan Rd, Tsim Sha Tsui, Hong Kong", ""),
    ("TANSL", "Tan Siew Ling", "+65 9123 4567", "siewling@example.sg",
     "10 Temple St, Singapore 058562", ""),
    ("LEEM", "Michael Lee", "+1 604 555 0177", "mlee@example.ca",
     "500 Keefer St, Vancouver BC V6A 1Y3", ""),
    ("NOVAK", "Petra Novák", "+420 222 555 010", "petra@example.cz",
     "Národní 20, Praha 1", ""),
    ("ROSSI", "Luca Rossi", "+39 06 555 0123", "luca.rossi@example.it",
     "Via del Corso 101, Roma", ""),
    ("JOHANSS", "Anna Johansson", "+46 8 555 010 20", "anna@example.se",
     "Drottninggatan 7, Stockholm", ""),
    ("COHEN", "David Cohen", "+1 212 555 0199", "dcohen@example.com",
     "45 Mott St, New York, NY 10013", ""),
    # Businesses.
    ("DRAGONBK", "Dragon Bookshop", "+44 161 555 0101",
     "shop@dragonbooks.example.co.uk", "5 Faulkner St, Manchester M1 4DY",
     "Stationery and calligraphy supplies"),
    ("GOLDLEAF", "Golden Leaf Café", "+61 2 5550 1234",
     "hello@goldenleaf.example.au", "300 Sussex St, Sydney NSW 2000", ""),
    ("LOTUSSPA", "Lotus Spa & Wellness", "+1 718 555 0142",
     "frontdesk@lotusspa.example.com", "41-20 Main St, Flushing, NY 11355",
     "Herbal teas, monthly"),
    ("PANDAMKT", "Panda Asian Market", "+1 713 555 0199",
     "buyer@pandamarket.example.com", "9600 Bellaire Blvd, Houston, TX 77036",
     "Snacks by the case; pallet deliveries"),
    ("SHTEA", "上海茶叶批发有限公司", "021-6321 8888", "purchase@shtea.example.cn",
     "上海市闸北区大统路 1 号", "批发客户, 月结"),
    ("BJOFFICE", "北京文具办公用品店", "010-6512 3456", "bjoffice@example.cn",
     "北京市东城区王府井大街 255 号", ""),
    ("GZKITCHEN", "广州厨具贸易行", "020-8333 6789", "gzkitchen@example.cn",
     "广州市荔湾区上下九路 50 号", ""),
    ("SZTECH", "深圳华强电子", "0755-8320 1234", "sales@sztech.example.cn",
     "深圳市福田区华强北路 1002 号", "Electronics, pays on delivery"),
    ("CDHOTPOT", "成都老火锅餐厅", "028-8666 1234", "", "成都市武侯区锦里古街",
     "Kitchenware and spices"),
    ("HKDIMSUM", "Lucky Dim Sum 好运点心", "+852 2555 0123",
     "orders@luckydimsum.example.hk", "23 Wellington St, Central, Hong Kong",
     ""),
    ("UNITEA", "University Tea Society", "+44 1865 555 012",
     "teasoc@example.ac.uk", "Student Union, Oxford OX1 2JD",
     "Discount 10% on tea; invoices to the treasurer"),
    ("ZENYOGA", "Zen Yoga Studio", "+1 503 555 0166",
     "studio@zenyoga.example.com", "1000 SW Broadway, Portland, OR 97205", ""),
    ("MOONGATE", "Moongate Gifts Ltd", "+44 131 555 0177",
     "info@moongate.example.co.uk", "7 Cockburn St, Edinburgh EH1 1BP",
     "Gift sets before Mid-Autumn and Spring Festival"),
    ("HARBOURHT", "Harbour Hotel, Purchasing", "+852 2555 0999",
     "purchasing@harbourhotel.example.hk", "1 Harbour Rd, Wan Chai, HK",
     "PO number required on every invoice"),
    ("EASTWEST", "East West Trading Co.", "+1 206 555 0123",
     "ap@eastwest.example.com", "600 S Jackson St, Seattle, WA 98104",
     "Net 30; \"attn: Accounts Payable\""),
    ("XMOOLONG", "厦门乌龙茶庄", "0592-2021 888", "", "厦门市思明区鼓浪屿龙头路",
     ""),
    ("HZSILK", "杭州丝绸礼品店", "0571-8888 2323", "hzsilk@example.cn",
     "杭州市上城区清河坊", ""),
    ("NJSCHOOL", "南京外国语学校 采购处", "025-8320 5566", "caigou@example.cn",
     "南京市玄武区北京东路 30 号", "Stationery for the new term, September"),
    ("TEACLUB", "Leaf & Kettle Tea Club", "+44 117 555 0133",
     "club@leafandkettle.example.co.uk", "Corn St, Bristol BS1 1HQ",
     "Quarterly subscription boxes"),
    ("ETSYSHOP", "Red Lantern Crafts (online)", "+1 512 555 0144",
     "redlantern@example.com", "PO Box 1234, Austin, TX 78701", ""),
]
codes = [c[0] for c in customers]
assert len(codes) == len(set(codes))
with open(os.path.join(HERE, "customers.csv"), "w", newline="",
          encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["code", "name", "phone", "email", "address", "notes"])
    for c in customers:
        w.writerow(c)

# ---------------------------------------------------------------- stock
#
# Most items have stock on the shop floor (MAIN), many also in the
# warehouse (WH).  About one item in fifteen has none at all (sold out,
# waiting for the supplier), and about one in five is at or below its
# reorder point (the sold-out ones included), so "ordo stock list --low"
# has something to show.  The opening unit cost is the item's cost.

rows = []
for i, it in enumerate(items):
    rp = it["reorder_point"]
    r = rng.random()
    if r < 0.065 and not it["backorder"]:
        continue                                # out of stock
    cost = money(it["_cost_fen"])
    if r < 0.19:
        rows.append((it["sku"], "MAIN", rng.randint(1, max(1, rp)), cost))
        continue                                # low: at most rp
    main = rp + rng.randint(2, 4 * rp + 10)
    rows.append((it["sku"], "MAIN", main, cost))
    if rng.random() < 0.6:
        rows.append((it["sku"], "WH", it["reorder_qty"] *
                     rng.randint(1, 4), cost))
with open(os.path.join(HERE, "stock.csv"), "w", newline="",
          encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["sku", "loc", "qty", "unit_cost"])
    for row in rows:
        w.writerow(row)

if __name__ == "__main__":
    print("%d items, %d customers, %d stock rows" %
          (len(items), len(customers), len(rows)))
