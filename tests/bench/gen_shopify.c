/*
 * gen_shopify.c: write a deterministic Shopify-style orders export for the
 * import benchmark: N lines (records), one row per line item, order fields
 * on the first row only, multi-line notes and Chinese names here and there.
 * SKUs are read, one per line, from the file given as the second argument.
 *
 * usage: gen_shopify LINES SKUFILE > orders_export.csv
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NCOL 79

static uint64_t	 seed = 88172645463325252ULL;

static uint64_t
rnd(void)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return (seed);
}

static const char *first[] = { "Wei", "Li", "Anna", "John", "Mei", "Tom",
    "王", "李", "张", "Chen", "Sara", "刘" };
static const char *last[] = { "Zhang", "Smith", "Wang", "Brown", "伟", "芳",
    "Liu", "Garcia", "娜", "Taylor" };
static const char *city[] = { "Shanghai", "Beijing", "杭州", "London",
    "Toronto", "深圳", "Berlin" };

int
main(int argc, char **argv)
{
	char	**sku = NULL, buf[256];
	size_t	 nsku = 0, cap = 0;
	long	 lines, done = 0, order = 1000;
	FILE	*f;

	if (argc != 3)
		return (2);
	lines = atol(argv[1]);
	if ((f = fopen(argv[2], "r")) == NULL)
		return (2);
	while (fgets(buf, sizeof buf, f) != NULL) {
		buf[strcspn(buf, "\r\n")] = '\0';
		if (*buf == '\0')
			continue;
		if (nsku == cap) {
			cap = cap ? cap * 2 : 256;
			sku = realloc(sku, cap * sizeof *sku);
		}
		sku[nsku++] = strdup(buf);
	}
	fclose(f);
	if (nsku == 0)
		return (2);
	printf("Name,Email,Financial Status,Paid at,Fulfillment Status,"
	    "Fulfilled at,Accepts Marketing,Currency,Subtotal,Shipping,Taxes,"
	    "Total,Discount Code,Discount Amount,Shipping Method,Created at,"
	    "Lineitem quantity,Lineitem name,Lineitem price,"
	    "Lineitem compare at price,Lineitem sku,Lineitem requires shipping,"
	    "Lineitem taxable,Lineitem fulfillment status,Billing Name,"
	    "Billing Street,Billing Address1,Billing Address2,Billing Company,"
	    "Billing City,Billing Zip,Billing Province,Billing Country,"
	    "Billing Phone,Shipping Name,Shipping Street,Shipping Address1,"
	    "Shipping Address2,Shipping Company,Shipping City,Shipping Zip,"
	    "Shipping Province,Shipping Country,Shipping Phone,Notes,"
	    "Note Attributes,Cancelled at,Payment Method,Payment Reference,"
	    "Refunded Amount,Vendor,Outstanding Balance,Employee,Location,"
	    "Device ID,Id,Tags,Risk Level,Source,Lineitem discount,Tax 1 Name,"
	    "Tax 1 Value,Tax 2 Name,Tax 2 Value,Tax 3 Name,Tax 3 Value,"
	    "Tax 4 Name,Tax 4 Value,Tax 5 Name,Tax 5 Value,Phone,"
	    "Receipt Number,Duties,Billing Province Name,"
	    "Shipping Province Name,Payment ID,Payment Terms Name,"
	    "Next Payment Due At,Payment References\n");
	while (done < lines) {
		int	 n = 1 + (int)(rnd() % 4), i, day, hh, mm;
		long	 qty[4], price[4], sub = 0, tax, ship;
		char	 name[64], date[64];
		size_t	 s[4];

		if (n > lines - done)
			n = (int)(lines - done);
		order++;
		for (i = 0; i < n; i++) {
			s[i] = rnd() % nsku;
			qty[i] = 1 + (long)(rnd() % 3);
			price[i] = 100 + (long)(rnd() % 20000);
			sub += qty[i] * price[i];
		}
		tax = sub * 13 / 100;
		ship = (rnd() % 3) * 500;
		day = 1 + (int)(order % 28);
		hh = (int)(rnd() % 24);
		mm = (int)(rnd() % 60);
		snprintf(date, sizeof date, "2026-10-%02d %02d:%02d:00 +0800",
		    day, hh, mm);
		snprintf(name, sizeof name, "%s %s", first[rnd() % 12],
		    last[rnd() % 10]);
		for (i = 0; i < n; i++) {
			char	 f[NCOL][160];
			int	 c;

			memset(f, 0, sizeof f);
			snprintf(f[0], 160, "#%ld", order);
			snprintf(f[1], 160, "c%ld@example.com", order % 50000);
			snprintf(f[15], 160, "%s", date);
			snprintf(f[16], 160, "%ld", qty[i]);
			snprintf(f[17], 160, "\"Item %s\"", sku[s[i]]);
			snprintf(f[18], 160, "%ld.%02ld", price[i] / 100,
			    price[i] % 100);
			snprintf(f[20], 160, "%s", sku[s[i]]);
			snprintf(f[21], 160, "true");
			snprintf(f[22], 160, "true");
			snprintf(f[23], 160, "pending");
			snprintf(f[50], 160, "Shop");
			snprintf(f[59], 160, "0.00");
			if (i == 0) {
				snprintf(f[2], 160, "paid");
				snprintf(f[3], 160, "%s", date);
				snprintf(f[6], 160, "no");
				snprintf(f[7], 160, "CNY");
				snprintf(f[8], 160, "%ld.%02ld", sub / 100,
				    sub % 100);
				snprintf(f[9], 160, "%ld.%02ld", ship / 100,
				    ship % 100);
				snprintf(f[10], 160, "%ld.%02ld", tax / 100,
				    tax % 100);
				snprintf(f[11], 160, "%ld.%02ld",
				    (sub + tax + ship) / 100,
				    (sub + tax + ship) % 100);
				snprintf(f[13], 160, "0.00");
				snprintf(f[14], 160, "Standard");
				for (c = 24; c <= 34; c += 10) {
					snprintf(f[c], 160, "%s", name);
					snprintf(f[c + 1], 160, "1 Road");
					snprintf(f[c + 2], 160, "1 Road");
					snprintf(f[c + 5], 160, "%s",
					    city[order % 7]);
					snprintf(f[c + 6], 160, "'0%03ld",
					    order % 1000);
					snprintf(f[c + 8], 160, "CN");
					snprintf(f[c + 9], 160, "+86 138%08ld",
					    order % 100000000);
				}
				if (order % 5 == 0)
					snprintf(f[44], 160, "\"Gift for %s\n"
					    "Please wrap, \"\"red\"\" paper\"",
					    name);
				snprintf(f[47], 160, "Stripe");
				snprintf(f[49], 160, "0.00");
				snprintf(f[51], 160, "0.00");
				snprintf(f[55], 160, "%ld",
				    6000000000000L + order);
				snprintf(f[57], 160, "Low");
				snprintf(f[58], 160, "web");
				snprintf(f[60], 160, "VAT 13%%");
				snprintf(f[61], 160, "%ld.%02ld", tax / 100,
				    tax % 100);
			}
			for (c = 0; c < NCOL; c++)
				printf("%s%s", c ? "," : "", f[c]);
			printf("\n");
			done++;
		}
	}
	return (0);
}
