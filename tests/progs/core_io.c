/* Vector and plain reads/writes on a pipe, for -e read=/write= dumps. */
#include <unistd.h>
#include <sys/uio.h>
#include <string.h>
int main(){ int p[2]; pipe(p); char a[]="hello ", b[]="world, this is longer than sixteen\n";
 struct iovec v[2]={{a,6},{b,strlen(b)}}; writev(p[1], v, 2);
 char r1[4], r2[64]; struct iovec w[2]={{r1,4},{r2,64}}; readv(p[0], w, 2);
 write(p[1], "\x01\x02xyz", 5); char c[3]; read(p[0], c, 3); pwrite(1, "", 0, 0); return 0; }
