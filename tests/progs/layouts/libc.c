/* Layouts of structs whose kernel definition is not in the uapi headers but which glibc's
 * headers declare with the kernel's layout (msghdr and friends).  See layouts.h. */
#include "layouts.h"

void layouts_libc(void)
{
}
