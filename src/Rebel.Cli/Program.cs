// Placeholder entry point; the CLI is being written.
return 0;
