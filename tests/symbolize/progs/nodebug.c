/* Built without -g: addresses here resolve through the ELF symbol table only. */
int nodebug_twice(int x);
static int nodebug_helper(int x) { return x * 3 + 1; }
int nodebug_twice(int x) { return nodebug_helper(x) + nodebug_helper(x + 1); }
