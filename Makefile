# ordo: one GNU Makefile.  "make" builds, "make run" opens the demo company,
# "make check" runs the whole suite.  V=1 shows the commands.

PREFIX	?= /usr/local
BINDIR	 = $(PREFIX)/bin
MANDIR	 = $(PREFIX)/share/man
SHAREDIR = $(PREFIX)/share/ordo
LOCALEDIR = $(PREFIX)/share/locale
# The group the company's files belong to; "make install" makes ordo
# setgid to it when it exists.
ORDO_GROUP ?= ordo

B	?= build
CC	?= cc
PKGS	 = ncursesw formw menuw lmdb yaml-0.1 readline libcrypto
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

WARN	 = -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wmissing-prototypes \
	   -Wstrict-prototypes -Wwrite-strings -Wpointer-arith -Wundef \
	   -Wno-format-nonliteral
OPT	?= -O2 -g
CFLAGS	+= -std=c11 -pthread -D_GNU_SOURCE $(OPT) $(WARN) -Iinclude \
	   $(PKG_CFLAGS) -MMD -MP
# Where an installed ordo finds its forms and message catalogues.
TUI_DEFS = -DSHAREDIR='"$(SHAREDIR)"' -DLOCALEDIR='"$(LOCALEDIR)"'

LDLIBS	+= $(PKG_LIBS) -lcsv -lm -pthread
CMOCKA_LIBS := $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)

ifeq ($(V),1)
Q =
else
Q = @
endif

LIB_SRC	 = $(wildcard src/base/*.c src/db/*.c src/core/*.c src/import/*.c)
BIN_SRC	 = $(wildcard src/cli/*.c src/tui/*.c src/main.c)
LIB_OBJ	 = $(LIB_SRC:%.c=$(B)/%.o)
BIN_OBJ	 = $(BIN_SRC:%.c=$(B)/%.o)
# The parts of the TUI without a terminal, for the unit test.
TUI_PURE_OBJ = $(B)/src/tui/action.o $(B)/src/tui/forms.o $(B)/src/tui/text.o
# Message catalogues: po/LANG.po -> $(B)/locale/LANG/LC_MESSAGES/ordo.mo
PO	 = $(wildcard po/*.po)
MO	 = $(PO:po/%.po=$(B)/locale/%/LC_MESSAGES/ordo.mo)
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
TESTLIB_SRC = $(filter-out $(UNIT_SRC),$(wildcard tests/unit/*.c))
TESTLIB_OBJ = $(TESTLIB_SRC:%.c=$(B)/%.o)

# The unit tests' shared helper is built once, not as an intermediate.
.SECONDARY: $(TESTLIB_OBJ)

.PHONY: all deps run check unit integration asan tsan valgrind soak fuzz bench bench-tui bench-insight \
	install uninstall clean format

all: $(B)/ordo $(MO)

$(B)/locale/%/LC_MESSAGES/ordo.mo: po/%.po
	@mkdir -p $(@D)
	@[ "$(V)" = 1 ] || echo "  MSGFMT  $<"
	$(Q)msgfmt -c -o $@ $<

$(B)/libordo.a: $(LIB_OBJ)
	@mkdir -p $(@D)
	$(Q)rm -f $@ && ar rcs $@ $^

$(B)/ordo: $(BIN_OBJ) $(B)/libordo.a
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(BIN_OBJ) $(B)/libordo.a $(LDLIBS)

$(B)/src/tui/%.o: src/tui/%.c
	@mkdir -p $(@D)
	@[ "$(V)" = 1 ] || echo "  CC      $<"
	$(Q)$(CC) $(CFLAGS) $(TUI_DEFS) -c -o $@ $<

$(B)/%.o: %.c
	@mkdir -p $(@D)
	@[ "$(V)" = 1 ] || echo "  CC      $<"
	$(Q)$(CC) $(CFLAGS) -c -o $@ $<

$(B)/tests/test_%: tests/unit/test_%.c $(TESTLIB_OBJ) $(B)/libordo.a
	@mkdir -p $(@D)
	@[ "$(V)" = 1 ] || echo "  TEST    $@"
	$(Q)$(CC) $(CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< $(TESTLIB_OBJ) \
	    $(B)/libordo.a $(LDLIBS) $(CMOCKA_LIBS)

$(B)/tests/test_tui: tests/unit/test_tui.c $(TESTLIB_OBJ) $(TUI_PURE_OBJ) \
    $(B)/libordo.a
	@mkdir -p $(@D)
	@[ "$(V)" = 1 ] || echo "  TEST    $@"
	$(Q)$(CC) $(CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< $(TESTLIB_OBJ) \
	    $(TUI_PURE_OBJ) $(B)/libordo.a $(LDLIBS) $(CMOCKA_LIBS)

# The order history generator of the reports' benchmark and tests.
$(B)/tests/ordo-gen: tests/gen/ordo-gen.c $(B)/libordo.a
	@mkdir -p $(@D)
	@[ "$(V)" = 1 ] || echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(B)/libordo.a $(LDLIBS)

# Debian packages: installed when root or with sudo, else the exact command.
deps:
	@sh .ci/deps.sh

run: deps
	@$(MAKE) --no-print-directory all
	@sh tests/demo.sh $(B)/ordo

check: deps
	@$(MAKE) --no-print-directory all $(UNIT_BIN) $(B)/tests/ordo-gen
	@sh tests/run.sh $(B)

unit: all $(UNIT_BIN)
	@sh tests/run.sh $(B) unit

integration: all $(B)/tests/ordo-gen
	@sh tests/run.sh $(B) integration

asan:
	@$(MAKE) --no-print-directory B=build-asan CC=clang \
	    OPT="-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" \
	    LDFLAGS="-fsanitize=address,undefined" check

# The importer reads in a thread of its own: ThreadSanitizer over the suite.
tsan:
	@$(MAKE) --no-print-directory B=build-tsan CC=clang \
	    OPT="-O1 -g -fsanitize=thread -fno-omit-frame-pointer" \
	    LDFLAGS="-fsanitize=thread" check

valgrind: all $(UNIT_BIN)
	@ORDO_VALGRIND=1 sh tests/run.sh $(B) unit

soak: all
	@ORDO_SOAK=1 sh tests/run.sh $(B) integration

fuzz:
	@sh tests/fuzz.sh

bench: all $(B)/tests/ordo-gen
	@sh tests/bench.sh $(B)/ordo
	@sh tests/bench-list.sh $(B)/ordo
	@sh tests/bench-tui.sh $(B)/ordo
	@sh tests/bench-insight.sh $(B)/ordo

# The reports' benchmark alone (10,000 against 1,000,000 orders).
bench-insight: all $(B)/tests/ordo-gen
	@sh tests/bench-insight.sh $(B)/ordo

# The counter TUI's benchmark alone (BENCH_TUI_ORDERS orders).
bench-tui: all
	@sh tests/bench-tui.sh $(B)/ordo

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(SHAREDIR)
	install -m 755 $(B)/ordo $(DESTDIR)$(BINDIR)/ordo
	@# Setgid to the company's group (DEPLOYMENT in ordo(1)), if it exists.
	@if getent group $(ORDO_GROUP) >/dev/null 2>&1; then \
	    echo "chgrp $(ORDO_GROUP) $(DESTDIR)$(BINDIR)/ordo; chmod 2755 $(DESTDIR)$(BINDIR)/ordo"; \
	    chgrp $(ORDO_GROUP) $(DESTDIR)$(BINDIR)/ordo && \
	    chmod 2755 $(DESTDIR)$(BINDIR)/ordo; \
	else \
	    echo "make install: no group $(ORDO_GROUP): ordo is not setgid, so roles do not hold (see DEPLOYMENT in ordo(1))"; \
	fi
	install -m 644 man/*.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 644 man/*.5 $(DESTDIR)$(MANDIR)/man5/
	cp -R config $(wildcard forms) $(DESTDIR)$(SHAREDIR)/
	for m in $(MO); do \
		l=$${m#$(B)/locale/}; \
		install -d $(DESTDIR)$(LOCALEDIR)/$${l%/ordo.mo}; \
		install -m 644 $$m $(DESTDIR)$(LOCALEDIR)/$$l; \
	done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/ordo $(DESTDIR)$(MANDIR)/man1/ordo*.1 \
	    $(DESTDIR)$(MANDIR)/man5/ordo*.5
	rm -rf $(DESTDIR)$(SHAREDIR)
	rm -f $(DESTDIR)$(LOCALEDIR)/*/LC_MESSAGES/ordo.mo

format:
	clang-format -i $$(find src include tests -name '*.[ch]')

clean:
	rm -rf build build-asan build-fuzz build-prof build-exp

-include $(LIB_OBJ:.o=.d) $(BIN_OBJ:.o=.d) $(TESTLIB_OBJ:.o=.d)
