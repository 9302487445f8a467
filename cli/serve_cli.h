/*
** serve_cli.h — `tangle serve ...` and the user-management flags.
*/
#ifndef TANGLE_SERVE_CLI_H
#define TANGLE_SERVE_CLI_H

#include <stdbool.h>

/* `tangle serve [PATH] [OPTIONS]`: argv[0] is "serve". Returns the exit
** status (0, 1 when the server could not start, 2 bad usage). */
int serve_cli_main(int argc, char **argv);

/* Is a one of --add-user, --passwd, --remove-user, --set-role, --list-users? */
bool serve_cli_is_user_flag(const char *a);

/* `tangle PATH --add-user NAME [--role R]` and the others: edits the users
** file of the database at PATH (or --users FILE); returns the exit status. */
int serve_cli_users(int argc, char **argv);

#endif /* TANGLE_SERVE_CLI_H */
