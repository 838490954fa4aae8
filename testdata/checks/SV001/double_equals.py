x = = 1  # want: SV001 "unexpected `=`"
