# An exported template edited in Ruby before secedit /configure: the accounts put before the
# existing holders are granted.
ruby_block 'grant' do
  block do
    text = ::File.read('C:/secpol.cfg')
    # want "PL1002: .*vagrant, outside the safe set"
    text = text.gsub('SeAssignPrimaryTokenPrivilege = ', 'SeAssignPrimaryTokenPrivilege = vagrant,')
    # A safe account added: nothing to report.
    text = text.sub('SeImpersonatePrivilege = ', 'SeImpersonatePrivilege = *S-1-5-20,')
    # Not a line's start: another edit.
    text = text.gsub('vagrant', 'Everyone')
    ::File.write('C:/secpol.cfg', text)
  end
end
execute 'apply' do
  command 'secedit /configure /db C:\\Windows\\security\\local.sdb /cfg C:\\secpol.cfg /areas USER_RIGHTS'
end
