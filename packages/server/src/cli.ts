// Placeholder until the HTTP half of the server lands its command line (issue 9).
process.stderr.write('[lowlight] server: no commands are built yet\n');
process.exitCode = 2;
